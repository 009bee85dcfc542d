import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createCdpBridge } from "../../src/preload/create-bridge";
import { BRIDGE_LAYOUT, type IpcChannel } from "../../src/shared/ipc-contract";

describe("createCdpBridge (window.cdp for the preload and the preview)", () => {
  it("has exactly the groups and methods of BRIDGE_LAYOUT, each invoking its channel", async () => {
    const calls: { channel: IpcChannel; payload: unknown }[] = [];
    const bridge = createCdpBridge(async (channel, payload) => {
      calls.push({ channel, payload });
      return { ok: true, value: channel };
    }, () => () => undefined);
    assert.deepEqual(Object.keys(bridge).sort(), [...Object.keys(BRIDGE_LAYOUT), "on"].sort());
    for (const [group, methods] of Object.entries(BRIDGE_LAYOUT)) {
      const built = (bridge as unknown as Record<string, Record<string, (r: unknown) => Promise<unknown>>>)[group];
      assert.ok(built, group);
      assert.deepEqual(Object.keys(built).sort(), Object.keys(methods).sort(), group);
      for (const [method, channel] of Object.entries(methods)) {
        assert.deepEqual(await built[method]?.({ probe: method }), { ok: true, value: channel });
      }
    }
    assert.deepEqual(calls.find((c) => c.channel === "cdp:rotation:retry-verify"), { channel: "cdp:rotation:retry-verify", payload: { probe: "retryVerify" } });
    assert.ok(Object.isFrozen(bridge));
  });

  it("turns a failed invoke into an error result instead of a rejection", async () => {
    const bridge = createCdpBridge(async () => {
      throw new Error("Error invoking remote method: boom");
    }, () => () => undefined);
    const result = await bridge.status.list({});
    assert.equal(result.ok, false);
    if (!result.ok) assert.doesNotMatch(result.error.message, /boom/);
  });

  it("subscribes only to event channels; listeners get the payload only", () => {
    const subscribed: string[] = [];
    let deliver: ((payload: unknown) => void) | null = null;
    let unsubscribed = false;
    const bridge = createCdpBridge(async () => ({ ok: true, value: null }), (event, listener) => {
      subscribed.push(event);
      deliver = listener;
      return () => {
        unsubscribed = true;
      };
    });
    const got: unknown[][] = [];
    const off = bridge.on("cdp:event:navigate", (...args: unknown[]) => got.push(args));
    (deliver as unknown as (payload: unknown) => void)({ view: "settings", targetId: null });
    assert.deepEqual(got, [[{ view: "settings", targetId: null }]]);
    off();
    assert.equal(unsubscribed, true);
    assert.throws(() => bridge.on("cdp:status:list" as never, () => undefined), /unknown event/);
    assert.throws(() => bridge.on("cdp:event:status", "nope" as never), /listener must be a function/);
    assert.deepEqual(subscribed, ["cdp:event:navigate"]);
  });
});
