// Both sandbox peers' `/_sandbox/*` control APIs answer local tools only: a foreign Host (DNS
// rebinding), a non-JSON body (a cross-site "simple" request) and a request a browser marks as
// coming from another site or origin are refused; curl-like and Node clients still work.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startAwsPeer } from "../../src/sandbox/aws/aws-peer";
import { isLoopbackAddress, isLoopbackHost } from "../../src/sandbox/control-guard";
import { startJamfPeer } from "../../src/sandbox/jamf/jamf-peer";
import type { AwsPeerHandle, JamfPeerHandle } from "../../src/sandbox/sandbox-types";
import { raw, type RawResponse } from "../support/preview-http";

/** Raw HTTP so the test, not the client library, decides every header (Host included). */
function send(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return raw(new URL(path, base).toString(), { method, headers, ...(body === undefined ? {} : { body }) });
}

let aws: AwsPeerHandle;
let jamf: JamfPeerHandle;

before(async () => {
  aws = await startAwsPeer();
  jamf = await startJamfPeer({ awsUrl: aws.url });
});

after(async () => {
  await jamf?.stop();
  await aws?.stop();
});

/** Per peer: a read, and a harmless change whose effect the test can see in the peer's state. */
const peers = [
  {
    name: "Jamf peer",
    url: () => jamf.url,
    read: "/_sandbox/state",
    change: { path: "/_sandbox/latency", body: '{"ms":7}' },
    latency: async () => ((JSON.parse((await send(jamf.url, "GET", "/_sandbox/state", {})).body) as { knobs: { latencyMs: number } }).knobs.latencyMs),
    reset: async () => void (await send(jamf.url, "POST", "/_sandbox/latency", { "Content-Type": "application/json" }, '{"ms":0}')),
  },
  {
    name: "AWS peer",
    url: () => aws.url,
    read: "/_sandbox/info",
    change: { path: "/_sandbox/latency", body: '{"ms":7}' },
    latency: async () => ((JSON.parse((await send(aws.url, "GET", "/_sandbox/info", {})).body) as { latencyMs: number }).latencyMs),
    reset: async () => void (await send(aws.url, "POST", "/_sandbox/latency", { "Content-Type": "application/json" }, '{"ms":0}')),
  },
];

describe("sandbox control APIs: local tools only", () => {
  it("loopback addresses and Host names", () => {
    for (const address of ["127.0.0.1", "127.3.4.5", "::1", "::ffff:127.0.0.1"]) assert.equal(isLoopbackAddress(address), true, address);
    for (const address of ["10.0.0.7", "192.168.1.20", "::ffff:10.0.0.1", "0.0.0.0", undefined]) assert.equal(isLoopbackAddress(address), false, String(address));
    for (const host of ["127.0.0.1:8080", "localhost:80", "LOCALHOST", "[::1]:9000"]) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ["attacker.example", "attacker.example:8080", "127.0.0.1.nip.io:80", "localhost.attacker.example", undefined]) {
      assert.equal(isLoopbackHost(host), false, String(host));
    }
  });

  for (const peer of peers) {
    describe(peer.name, () => {
      it("refuses a foreign Host (DNS rebinding), for reads and changes", async () => {
        const read = await send(peer.url(), "GET", peer.read, { Host: "rebound.attacker.example" });
        assert.equal(read.status, 403);
        assert.match(read.body, /loopback clients only/);
        const change = await send(peer.url(), "POST", peer.change.path, { Host: "rebound.attacker.example:80", "Content-Type": "application/json" }, peer.change.body);
        assert.equal(change.status, 403);
        assert.equal(await peer.latency(), 0, "nothing changed");
      });

      it("refuses a body that is not JSON with 415, and says which content type to send", async () => {
        for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
          const answer = await send(peer.url(), "POST", peer.change.path, { "Content-Type": type }, peer.change.body);
          assert.equal(answer.status, 415, type);
          assert.match(answer.body, /Content-Type: application\/json/);
        }
        const none = await send(peer.url(), "POST", peer.change.path, {}, peer.change.body);
        assert.equal(none.status, 415, "no content type");
        assert.equal(await peer.latency(), 0, "nothing changed");
      });

      it("refuses what a browser sends for a page of another site or origin", async () => {
        const own = new URL(peer.url()).host;
        const crossSite: Record<string, string>[] = [
          // A form or fetch from a web site: a simple request with Origin and Sec-Fetch-Site.
          { Origin: "https://attacker.example", "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" },
          // Older browsers send Origin without Sec-Fetch-Site.
          { Origin: "https://attacker.example", "Content-Type": "application/json" },
          // A page served by another local tool on another port: same site, another origin.
          { Origin: "http://127.0.0.1:1", "Sec-Fetch-Site": "same-site", "Content-Type": "application/json" },
          // A sandboxed iframe or a file:// page.
          { Origin: "null", "Content-Type": "application/json" },
          { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" },
        ];
        for (const headers of crossSite) {
          const answer = await send(peer.url(), "POST", peer.change.path, headers, peer.change.body);
          assert.equal(answer.status, 403, JSON.stringify(headers));
          assert.match(answer.body, /web pages of other (sites|origins)/);
          const read = await send(peer.url(), "GET", peer.read, headers);
          assert.equal(read.status, 403, `read ${JSON.stringify(headers)}`);
        }
        assert.equal(await peer.latency(), 0, "nothing changed");
        // The peer's own page (its own origin) and an address typed into the address bar are fine.
        assert.equal((await send(peer.url(), "GET", peer.read, { Origin: `http://${own}`, "Sec-Fetch-Site": "same-origin" })).status, 200);
        assert.equal((await send(peer.url(), "GET", peer.read, { "Sec-Fetch-Site": "none" })).status, 200);
      });

      it("our own clients still work: Node fetch, and curl-style requests", async () => {
        const viaFetch = await fetch(`${peer.url()}${peer.change.path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: peer.change.body });
        assert.equal(viaFetch.status, 200, await viaFetch.text());
        assert.equal(await peer.latency(), 7);
        await peer.reset();
        // curl -s -X POST -H 'content-type: application/json' -d '{"ms":7}' …
        const curlLike = await send(peer.url(), "POST", peer.change.path, { "User-Agent": "curl/8.5.0", Accept: "*/*", "content-type": "application/json" }, peer.change.body);
        assert.equal(curlLike.status, 200);
        assert.equal(await peer.latency(), 7);
        await peer.reset();
        assert.equal((await fetch(`${peer.url()}${peer.read}`)).status, 200);
        assert.equal((await send(peer.url(), "GET", peer.read, { Host: `localhost:${new URL(peer.url()).port}` })).status, 200);
      });
    });
  }
});
