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
async function openEvents(headers: Record<string, string>): Promise<{ status: number; type: string }> {
  const controller = new AbortController();
  const response = await fetch(`${origin}/events`, { headers, signal: controller.signal });
  const result = { status: response.status, type: response.headers.get("content-type") ?? "" };
  controller.abort();
  return result;
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
  it("prints an address whose one-time token is not in anything served without a session", async () => {
    const token = new URL(preview.url).searchParams.get("token") ?? "";
    assert.ok(token.length >= 40, "a token of 256 bits");
    const answers: RawResponse[] = [];
    for (const path of ["/", "/index.html", "/bridge.js", "/assets/app.js", "/preview-notice.css", "/session", "/events", "/?token=guess", "/favicon.ico", "/ipc/cdp:settings:get"]) {
      answers.push(await raw(`${origin}${path}`));
      answers.push(await raw(`${origin}${path}`, { method: "HEAD" }));
    }
    answers.push(await callChannel(json()));
    const everything = answers.map((a) => `${a.status}\n${JSON.stringify(a.headers)}\n${a.body}`).join("\n");
    assert.ok(!everything.includes(token), "the one-time token is never served");
    assert.ok(answers.every((a) => a.headers["set-cookie"] === undefined), "no session without the token");
    assert.doesNotMatch(everything, /cdp-preview-token|X-CDP-Token/i, "no bridge token in any page");

    // Everything token-shaped that was served, tried as a session and as a token: none opens anything.
    const candidates = new Set(everything.match(/[A-Za-z0-9_-]{20,}/g) ?? []);
    for (const candidate of candidates) {
      assert.equal((await callChannel(json({ Cookie: `${cookieName()}=${candidate}` }))).status, 401);
      assert.equal((await raw(`${origin}/?token=${candidate}`)).headers["set-cookie"], undefined);
    }
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
