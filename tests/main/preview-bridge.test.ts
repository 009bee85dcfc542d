// The browser preview in-process, against a sandbox world: the same handlers as the app behind
// POST /ipc/<channel> and SSE /events, reachable only from the page it served.
import assert from "node:assert/strict";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { after, before, describe, it } from "node:test";
import { startPreview, type PreviewHandle } from "../../src/preview/preview-server";
import { startSandbox } from "../../src/sandbox/world";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import type { CdpBridge, IpcResult } from "../../src/shared/ipc-contract";
import { eventually } from "./fakes";
import { openSession, raw } from "../support/preview-http";

let world: SandboxWorld;
let preview: PreviewHandle;
let rendererDir: string;
let origin: string;
/** The session cookie of the page this test acts as. */
let cookie: string;

/** What the served page's fetch sends: same origin, its session cookie, JSON. */
function pageHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { "Content-Type": "application/json", Origin: origin, Cookie: cookie, "Sec-Fetch-Site": "same-origin", ...extra };
}

async function call<T>(channel: string, payload: unknown, headers = pageHeaders()): Promise<{ status: number; result: IpcResult<T> }> {
  const response = await raw(`${origin}/ipc/${channel}`, { method: "POST", headers, body: JSON.stringify(payload) });
  return { status: response.status, result: JSON.parse(response.body) as IpcResult<T> };
}

before(async () => {
  world = await startSandbox();
  rendererDir = await mkdtemp(join(tmpdir(), "cdp-preview-renderer-"));
  await mkdir(join(rendererDir, "assets"));
  await writeFile(
    join(rendererDir, "index.html"),
    '<!doctype html><html><head><title>CDP Key Rotator</title><script type="module" crossorigin src="./assets/app.js"></script></head><body><div id="root"></div></body></html>',
  );
  await writeFile(join(rendererDir, "assets", "app.js"), "export {};");
  await writeFile(join(tmpdir(), "cdp-preview-outside.txt"), "outside");
  preview = await startPreview({ sandbox: world, rendererDir, buildRenderer: false, temp: true, env: {} });
  origin = preview.origin;
  cookie = await openSession(preview.url);
});

after(async () => {
  await preview?.stop();
  await world?.stop();
  await rm(rendererDir, { recursive: true, force: true });
});

describe("browser preview", () => {
  it("listens on loopback only", () => {
    assert.match(preview.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/);
  });

  it("serves index.html to its session with bridge.js ahead of the app script, under the CSP", async () => {
    const page = await raw(`${origin}/`, { headers: { Cookie: cookie } });
    assert.equal(page.status, 200);
    assert.match(String(page.headers["content-security-policy"]), /script-src 'self'/);
    const bridgeAt = page.body.indexOf('<script src="/bridge.js"></script>');
    const appAt = page.body.indexOf('<script type="module"');
    assert.ok(bridgeAt !== -1 && bridgeAt < appAt, "bridge.js loads first");
    const asset = await raw(`${origin}/assets/app.js`);
    assert.equal(asset.status, 200);
    assert.match(String(asset.headers["content-type"]), /javascript/);
  });

  it("refuses path traversal and foreign Host headers on static files", async () => {
    for (const path of ["/../cdp-preview-outside.txt", "/%2e%2e/cdp-preview-outside.txt", "/assets/..%2f..%2fcdp-preview-outside.txt"]) {
      const response = await raw(`${origin}${path}`);
      assert.ok(response.status === 403 || response.status === 404, `${path} → ${response.status}`);
      assert.doesNotMatch(response.body, /outside/);
    }
    const rebound = await raw(`${origin}/`, { headers: { Host: "attacker.example:80", Cookie: cookie } });
    assert.equal(rebound.status, 421);
  });

  it("runs the real core behind the same channels as the app", async () => {
    const settings = await call<{ remindersEnabled: boolean }>("cdp:settings:get", {});
    assert.equal(settings.status, 200);
    assert.equal(settings.result.ok, true);

    const added = await call<{ id: string; name: string; jamfUrl: string; hasSecret: boolean }>("cdp:sandbox:add-target", {});
    assert.ok(added.result.ok, JSON.stringify(added.result));
    if (!added.result.ok) return;
    assert.equal(added.result.value.jamfUrl.replace(/\/$/, ""), world.jamf.url.replace(/\/$/, ""));
    assert.equal(added.result.value.hasSecret, true);
    const targetId = added.result.value.id;

    const statuses = await call<{ targetId: string; jamfKeyId: string | null; state: string }[]>("cdp:status:refresh", {});
    assert.ok(statuses.result.ok, JSON.stringify(statuses.result));
    if (!statuses.result.ok) return;
    const status = statuses.result.value.find((s) => s.targetId === targetId);
    assert.equal(status?.jamfKeyId, world.cdpKey.accessKeyId);
    assert.equal(status?.state, "due-soon", "the sandbox key is 83 of 90 days old");

    // Nothing secret ever comes back.
    const everything = JSON.stringify([added.result, statuses.result, (await call("cdp:targets:list", {})).result]);
    assert.ok(!everything.includes(world.jamfClient.clientSecret));
    assert.ok(!everything.includes(world.admin.secretAccessKey));
    assert.ok(!everything.includes(world.cdpKey.secretAccessKey));
  });

  it("validates payloads like the app does", async () => {
    const bad = await call("cdp:rotation:start", { targetId: "" });
    assert.equal(bad.status, 200);
    assert.equal(bad.result.ok, false);
    if (!bad.result.ok) assert.equal(bad.result.error.code, "INVALID_INPUT");
    const unknown = await call("cdp:keys:steal", {});
    assert.equal(unknown.status, 404);
    const notJson = await raw(`${origin}/ipc/cdp:settings:get`, { method: "POST", headers: pageHeaders(), body: "{nope" });
    assert.equal(notJson.status, 400);
  });

  it("refuses calls without the session, with a wrong one, or from another origin", async () => {
    const cases: Record<string, string>[] = [
      pageHeaders({ Cookie: "" }),
      pageHeaders({ Cookie: "cdp_preview_session=guessed-session" }),
      pageHeaders({ Origin: "http://evil.example" }),
      pageHeaders({ Origin: "null" }),
      pageHeaders({ "Sec-Fetch-Site": "cross-site" }),
      pageHeaders({ Host: "rebind.example:1" }),
    ];
    const { Origin: _omit, ...noOrigin } = pageHeaders();
    cases.push(noOrigin);
    for (const headers of cases) {
      const response = await raw(`${origin}/ipc/cdp:targets:list`, { method: "POST", headers, body: "{}" });
      assert.ok([401, 403, 421].includes(response.status), `${JSON.stringify(headers)} → ${response.status}`);
      assert.doesNotMatch(response.body, /jamfUrl/);
    }
    const events = await raw(`${origin}/events`, { headers: { Cookie: "cdp_preview_session=wrong" } });
    assert.equal(events.status, 401);
  });

  it("pushes cdp:event:* to the page over SSE", async () => {
    const frames: string[] = [];
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(`${origin}/events`, { headers: { "Sec-Fetch-Site": "same-origin", Cookie: cookie } }, resolve);
      req.on("error", reject);
      req.end();
    });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers["content-type"]), /text\/event-stream/);
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => frames.push(chunk));
    try {
      await call("cdp:status:refresh", {});
      await eventually(() => assert.match(frames.join(""), /event: cdp:event:status\ndata: \[/));
    } finally {
      response.destroy();
    }
  });

  it("bridge.js builds window.cdp with the same shape as the preload, and it works", async () => {
    const script = await raw(`${origin}/bridge.js`);
    assert.equal(script.status, 200);
    // A minimal browser: a same-origin fetch that sends the page's session cookie.
    const window: Record<string, unknown> = {};
    const pageFetch = (path: string, init: RequestInit) =>
      fetch(new URL(path, origin), { ...init, headers: { ...(init.headers as Record<string, string>), Origin: origin, Cookie: cookie } });
    runInNewContext(script.body, { window, fetch: pageFetch, EventSource: class {}, console });
    const cdp = window.cdp as CdpBridge;
    assert.deepEqual(Object.keys(cdp).sort(), ["app", "audit", "aws", "mfa", "on", "policy", "rotation", "sandbox", "settings", "sso", "status", "targets"]);
    const targets = await cdp.targets.list({});
    assert.ok(targets.ok, JSON.stringify(targets));
    if (targets.ok) assert.ok(targets.value.some((t) => t.name.startsWith("Sandbox")));
  });
});
