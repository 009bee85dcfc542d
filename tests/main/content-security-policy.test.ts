// The page's own <meta> policy must be the header's policy (src/main/content-security-policy.ts),
// so a copy of index.html opened without the app's headers (a static server, a browser from disk)
// is no weaker than the app. frame-ancestors is left out of the meta: browsers ignore it there.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { CONTENT_SECURITY_POLICY } from "../../src/main/content-security-policy";

const indexHtml = new URL("../../src/renderer/index.html", import.meta.url);

function directives(policy: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of policy.split(";").map((p) => p.trim()).filter(Boolean)) {
    const [name = "", ...values] = part.split(/\s+/);
    map.set(name.toLowerCase(), values.join(" "));
  }
  return map;
}

async function metaPolicy(): Promise<string> {
  const html = await readFile(indexHtml, "utf8");
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  assert.ok(match?.[1], "index.html carries a Content-Security-Policy meta tag");
  return match[1];
}

describe("the renderer page's own Content-Security-Policy", () => {
  it("is the header policy, directive for directive, without frame-ancestors", async () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete("frame-ancestors");
    assert.deepEqual(Object.fromEntries(directives(await metaPolicy())), Object.fromEntries(header));
  });

  it("falls back to nothing and allows no inline or remote script", async () => {
    const meta = directives(await metaPolicy());
    assert.equal(meta.get("default-src"), "'none'");
    assert.equal(meta.get("script-src"), "'self'");
    assert.equal(meta.get("object-src"), "'none'");
    assert.equal(meta.get("base-uri"), "'none'");
  });
});
