import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createAppProtocolHandler, isAppUrl } from "../../src/main/app-protocol";
import { resolveBundlePath } from "../../src/main/bundle-files";

let root: string;
let bundle: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), "cdp-protocol-"));
  bundle = join(root, "renderer");
  await mkdir(join(bundle, "assets"), { recursive: true });
  await writeFile(join(bundle, "index.html"), "<!doctype html><title>app</title>");
  await writeFile(join(bundle, "assets", "app.js"), "console.log('hi')");
  await writeFile(join(root, "secret.txt"), "outside the bundle");
  await symlink(join(root, "secret.txt"), join(bundle, "assets", "link.txt"));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("app:// protocol", () => {
  it("serves bundle files with the CSP header and the right type", async () => {
    const handler = createAppProtocolHandler(bundle);
    const index = await handler(new Request("app://bundle/index.html"));
    assert.equal(index.status, 200);
    assert.match(index.headers.get("content-type") ?? "", /text\/html/);
    assert.match(index.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    assert.match(await index.text(), /<title>app<\/title>/);
    const root = await handler(new Request("app://bundle/"));
    assert.equal(root.status, 200);
    const js = await handler(new Request("app://bundle/assets/app.js"));
    assert.match(js.headers.get("content-type") ?? "", /javascript/);
  });

  it("refuses path traversal in every spelling", async () => {
    const handler = createAppProtocolHandler(bundle);
    for (const url of [
      "app://bundle/../secret.txt",
      "app://bundle/assets/../../secret.txt",
      "app://bundle/%2e%2e/secret.txt",
      "app://bundle/%2E%2E%2Fsecret.txt",
      "app://bundle/assets/..%2f..%2fsecret.txt",
      "app://bundle/..%5csecret.txt",
      "app://bundle/index.html%00.js",
      "app://bundle/assets/link.txt",
    ]) {
      const response = await handler(new Request(url));
      assert.ok(response.status === 403 || response.status === 404, `${url} → ${response.status}`);
      assert.doesNotMatch(await response.text(), /outside the bundle/, url);
    }
  });

  it("refuses other hosts and methods, and answers 404 for missing files", async () => {
    const handler = createAppProtocolHandler(bundle);
    assert.equal((await handler(new Request("app://elsewhere/index.html"))).status, 403);
    assert.equal((await handler(new Request("app://bundle/index.html", { method: "POST", body: "x" }))).status, 405);
    assert.equal((await handler(new Request("app://bundle/missing.js"))).status, 404);
  });

  it("resolveBundlePath keeps every path inside the folder", () => {
    assert.equal(resolveBundlePath(bundle, "/assets/app.js"), join(bundle, "assets", "app.js"));
    assert.equal(resolveBundlePath(bundle, "/"), join(bundle, "index.html"));
    for (const path of ["/../x", "/a/../../x", "/%2e%2e/x", "/a%2f..%2f..%2fx", "/a\\..\\x", "/%E0%A4%A", "relative"]) {
      assert.equal(resolveBundlePath(bundle, path), null, path);
    }
  });

  it("isAppUrl accepts only the app origin", () => {
    assert.equal(isAppUrl("app://bundle/index.html"), true);
    assert.equal(isAppUrl("app://other/index.html"), false);
    assert.equal(isAppUrl("https://bundle/index.html"), false);
    assert.equal(isAppUrl("file:///index.html"), false);
    assert.equal(isAppUrl(null), false);
  });
});
