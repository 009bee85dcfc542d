// The preview seen from a plain local process (Node HTTP, no browser): the printed address's
// one-time token is the only way in; whatever anything else returns cannot call a channel or open
// the event stream, a spent token is refused, and the session cookie is HttpOnly and SameSite=Strict.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startPreview, type PreviewHandle } from "../../src/preview/preview-server";
import { sessionCookieName } from "../../src/preview/preview-sessions";
import { ipcRequestSchemas, type IpcChannel } from "../../src/shared/ipc-contract";
import { openSession, raw, type RawResponse } from "../support/preview-http";

let rendererDir: string;
let preview: PreviewHandle;
let origin: string;
const cookieName = () => sessionCookieName(Number(new URL(origin).port));

const json = (extra: Record<string, string> = {}) => ({ "Content-Type": "application/json", Origin: origin, "Sec-Fetch-Site": "same-origin", ...extra });

function callChannel(headers: Record<string, string>): Promise<RawResponse> {
  return raw(`${origin}/ipc/cdp:settings:get`, { method: "POST", headers, body: "{}" });
}

/** Opens the event stream and closes it again: the status and content type it answered with. */
async function openEvents(headers: Record<string, string>, query = ""): Promise<{ status: number; type: string }> {
  const controller = new AbortController();
  const response = await fetch(`${origin}/events${query}`, { headers, signal: controller.signal });
  const result = { status: response.status, type: response.headers.get("content-type") ?? "" };
  controller.abort();
  return result;
}

/** A payload each channel would accept (so a refusal is the session's doing, not the schema's). */
function probeBody(channel: IpcChannel): string {
  const bodies: Partial<Record<IpcChannel, unknown>> = {
    "cdp:settings:set": { settings: { remindersEnabled: false } },
    "cdp:targets:save": { target: { name: "Planted", jamfUrl: "http://127.0.0.1:9", jamfAuth: { kind: "api-client", clientId: "planted-client" } }, secret: "planted-secret" },
    "cdp:audit:export": { format: "json" },
    "cdp:app:open-external": { url: "https://example.com/" },
  };
  return JSON.stringify(bodies[channel] ?? {});
}

/** Every answer the preview gives a plain local process without a session, headers and bodies. */
async function everythingUnauthenticated(): Promise<string> {
  const paths = [
    "/", "/index.html", "/?token=guess", "/?token=", "/bridge.js", "/assets/app.js", "/preview-notice.css", "/session",
    "/events", "/favicon.ico", "/favicon.svg", "/robots.txt", "/no/such/path", "/assets/../index.html", "/%2e%2e/package.json",
    "/ipc/cdp:settings:get", "/ipc/", "/ipc/cdp:no-such-channel",
  ];
  const answers: RawResponse[] = [];
  for (const path of paths) {
    for (const method of ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE"]) {
      const headers: Record<string, string> = method === "POST" || method === "PUT" ? { "Content-Type": "application/json" } : {};
      answers.push(await raw(`${origin}${path}`, { method, headers, ...(headers["Content-Type"] ? { body: "{}" } : {}) }));
    }
  }
  answers.push(await callChannel(json()));
  return answers.map((a) => `${a.status}\n${JSON.stringify(a.headers)}\n${a.body}`).join("\n");
}

async function startOne(): Promise<PreviewHandle> {
  return startPreview({ sandbox: "none", rendererDir, buildRenderer: false, temp: true, env: {} });
}

before(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), "cdp-preview-session-"));
  await mkdir(join(rendererDir, "assets"));
  await writeFile(
    join(rendererDir, "index.html"),
    '<!doctype html><html><head><title>CDP Key Rotator</title><script type="module" crossorigin src="./assets/app.js"></script></head><body><div id="root"></div></body></html>',
  );
  await writeFile(join(rendererDir, "assets", "app.js"), "export {};");
  preview = await startOne();
  origin = preview.origin;
});

after(async () => {
  await preview?.stop();
  await rm(rendererDir, { recursive: true, force: true });
});

describe("preview session", () => {
  it("nothing served without a session (page, assets, favicon, unknown paths, other methods) carries the token", async () => {
    const token = new URL(preview.url).searchParams.get("token") ?? "";
    assert.ok(token.length >= 40, "a token of 256 bits");
    const everything = await everythingUnauthenticated();
    assert.ok(!everything.includes(token), "the one-time token is never served");
    assert.doesNotMatch(everything, /set-cookie/i, "no session without the token");
    assert.doesNotMatch(everything, /cdp-preview-token|X-CDP-Token/i, "no bridge token in any page");
  });

  it("whatever an unauthenticated request returns opens no channel of the contract and not the event stream", async () => {
    const served = await everythingUnauthenticated();
    // Everything token-shaped that was served, tried every way a credential could be presented.
    const candidates = [...new Set(served.match(/[A-Za-z0-9_-]{16,}/g) ?? [])];
    assert.ok(candidates.length > 0, "the scan found candidates to try");
    const presentations = (candidate: string): { headers: Record<string, string>; query: string }[] => [
      { headers: json({ Cookie: `${cookieName()}=${candidate}` }), query: "" },
      { headers: json({ Cookie: `cdp_preview_session=${candidate}` }), query: "" },
      { headers: json({ "X-CDP-Token": candidate }), query: "" },
      { headers: json({ Authorization: `Bearer ${candidate}` }), query: "" },
      { headers: json(), query: `?token=${encodeURIComponent(candidate)}` },
    ];
    const channels = Object.keys(ipcRequestSchemas) as IpcChannel[];
    let tried = 0;
    for (const channel of channels) {
      for (const { headers, query } of [{ headers: json(), query: "" }, ...candidates.flatMap(presentations)]) {
        const response = await raw(`${origin}/ipc/${channel}${query}`, { method: "POST", headers, body: probeBody(channel) });
        assert.equal(response.status, 401, `${channel} ${JSON.stringify(headers)}${query}`);
        assert.doesNotMatch(response.body, /"ok":true/);
        tried += 1;
      }
    }
    for (const { headers, query } of [{ headers: { "Sec-Fetch-Site": "same-origin" }, query: "" }, ...candidates.flatMap(presentations)]) {
      const events = await openEvents(headers, query);
      assert.equal(events.status, 401, `events ${JSON.stringify(headers)}${query}`);
      assert.doesNotMatch(events.type, /event-stream/);
    }
    assert.ok(tried >= channels.length * 6, `${tried} refused calls`);

    // Nothing those calls carried changed anything, and the same channels do answer a session:
    // the refusals above come from the missing session, not from channels that cannot be reached.
    const cookie = await openSession(preview.newAddress());
    for (const channel of channels) {
      const answer = await raw(`${origin}/ipc/${channel}`, { method: "POST", headers: json({ Cookie: cookie }), body: '{"probe":true}' });
      assert.equal(answer.status, 200, channel);
      const body = JSON.parse(answer.body) as { ok: boolean; error?: { code: string } };
      assert.equal(body.ok, false, `${channel}: an unknown field is refused by the channel's own schema`);
    }
    const settings = JSON.parse((await callChannel(json({ Cookie: cookie }))).body) as { ok: true; value: { remindersEnabled: boolean } };
    assert.equal(settings.value.remindersEnabled, true, "the unauthenticated settings:set did not land");
    const targets = await raw(`${origin}/ipc/cdp:targets:list`, { method: "POST", headers: json({ Cookie: cookie }), body: "{}" });
    assert.deepEqual((JSON.parse(targets.body) as { value: unknown[] }).value, [], "the unauthenticated targets:save did not land");
    // And those very bodies would have landed with a session: the probe could have failed.
    for (const channel of ["cdp:settings:set", "cdp:targets:save"] as const) {
      const landed = await raw(`${origin}/ipc/${channel}`, { method: "POST", headers: json({ Cookie: cookie }), body: probeBody(channel) });
      assert.equal((JSON.parse(landed.body) as { ok: boolean }).ok, true, `${channel} with a session: ${landed.body}`);
    }
    const after = JSON.parse((await callChannel(json({ Cookie: cookie }))).body) as { ok: true; value: { remindersEnabled: boolean } };
    assert.equal(after.value.remindersEnabled, false);
  });

  it("without the session cookie no channel answers and the event stream does not open", async () => {
    for (const headers of [json(), json({ Cookie: `${cookieName()}=` }), json({ Cookie: `${cookieName()}=forged` }), json({ "X-CDP-Token": "anything" })]) {
      const response = await callChannel(headers);
      assert.equal(response.status, 401, JSON.stringify(headers));
      const body = JSON.parse(response.body) as { ok: boolean; error: { message: string; action: string } };
      assert.equal(body.ok, false);
      assert.match(body.error.action, /address the terminal printed/);
      assert.doesNotMatch(response.body, /remindersEnabled/);
    }
    const events = await openEvents({ "Sec-Fetch-Site": "same-origin" });
    assert.equal(events.status, 401);
    assert.doesNotMatch(events.type, /event-stream/);
  });

  it("trades the token once for an HttpOnly, SameSite=Strict, Path=/ session cookie and redirects to /", async () => {
    const address = preview.newAddress();
    const peek = await raw(address, { method: "HEAD" });
    assert.equal(peek.status, 200, "a HEAD (link preview) does not spend the address");
    assert.equal(peek.headers["set-cookie"], undefined);
    const first = await raw(address);
    assert.equal(first.status, 303);
    assert.equal(first.headers.location, "/", "the token leaves the address bar");
    assert.match(String(first.headers["cache-control"]), /no-store/);
    const setCookie = first.headers["set-cookie"] ?? [];
    assert.equal(setCookie.length, 1);
    const [pair, ...attributes] = (setCookie[0] ?? "").split(";").map((part) => part.trim());
    assert.match(pair ?? "", new RegExp(`^${cookieName()}=[A-Za-z0-9_-]{40,}$`));
    assert.deepEqual(attributes.map((a) => a.toLowerCase()).sort(), ["httponly", "path=/", "samesite=strict"], "no Domain, no lifetime beyond the browser session");
    const cookie = pair ?? "";

    // The session drives the channels and opens the event stream.
    const settings = await callChannel(json({ Cookie: cookie }));
    assert.equal(settings.status, 200);
    assert.equal((JSON.parse(settings.body) as { ok: boolean }).ok, true);
    const events = await openEvents({ "Sec-Fetch-Site": "same-origin", Cookie: cookie });
    assert.equal(events.status, 200);
    assert.match(events.type, /text\/event-stream/);
    const page = await raw(`${origin}/`, { headers: { Cookie: cookie } });
    assert.equal(page.status, 200);
    assert.match(page.body, /<script src="\/bridge.js"><\/script>/);
    assert.equal((await raw(`${origin}/session`, { headers: { Cookie: cookie } })).status, 204);

    // Reused: refused with a page that says why, and no second session.
    const again = await raw(address);
    assert.equal(again.status, 403);
    assert.equal(again.headers["set-cookie"], undefined);
    assert.match(again.body, /This address was already used/);
    assert.match(again.body, /Press Enter in the terminal/);
    // The tab that already has its session just goes on to /.
    const ownTab = await raw(address, { headers: { Cookie: cookie } });
    assert.equal(ownTab.status, 303);
    assert.equal(ownTab.headers["set-cookie"], undefined);
  });

  it("the session still needs the page's own origin and Host", async () => {
    const cookie = await openSession(preview.newAddress());
    assert.equal((await callChannel(json({ Cookie: cookie, Origin: "http://evil.example" }))).status, 403);
    assert.equal((await callChannel(json({ Cookie: cookie, "Sec-Fetch-Site": "cross-site" }))).status, 403);
    assert.equal((await callChannel(json({ Cookie: cookie, Host: "rebound.example:80" }))).status, 421);
  });

  it("serves a page that says what to do, with nothing that drives the preview, to a tab without a session", async () => {
    const fresh = await raw(`${origin}/`);
    assert.equal(fresh.status, 401);
    assert.match(fresh.body, /Open the preview from the address the terminal printed/);
    const stale = await raw(`${origin}/`, { headers: { Cookie: `${cookieName()}=from-an-earlier-run` } });
    assert.equal(stale.status, 401);
    assert.match(stale.body, /The preview restarted: open the new address/);
    assert.match(stale.body, /Copy the address the terminal printed/);
    for (const page of [fresh, stale]) {
      assert.doesNotMatch(page.body, /<script/i, "no bridge, no app");
      assert.match(String(page.headers["content-security-policy"]), /script-src 'self'/);
    }
  });

  it("a session or address of an earlier run is refused by the next one", async () => {
    const cookie = await openSession(preview.newAddress());
    const oldAddress = preview.newAddress();
    const next = await startOne();
    try {
      const call = await raw(`${next.origin}/ipc/cdp:settings:get`, { method: "POST", headers: { ...json({ Cookie: cookie }), Origin: next.origin }, body: "{}" });
      assert.equal(call.status, 401);
      const reopened = await raw(`${next.origin}${new URL(oldAddress).pathname}${new URL(oldAddress).search}`);
      assert.equal(reopened.status, 403);
      assert.match(reopened.body, /The preview restarted: open the new address/);
    } finally {
      await next.stop();
    }
  });
});
