import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SharedReads } from "./shared-reads";

describe("SharedReads", () => {
  it("reads once per owner and key, and hands every caller its own copy", async () => {
    const shared = new SharedReads();
    const owner = {};
    let reads = 0;
    const read = async () => {
      reads += 1;
      await new Promise((resolve) => setImmediate(resolve));
      return { keys: [{ id: "AKIA1", created: new Date("2026-01-01T00:00:00Z") }] };
    };
    const [a, b] = await Promise.all([shared.once(owner, "keys u", read), shared.once(owner, "keys u", read)]);
    assert.equal(reads, 1);
    a.keys.push({ id: "AKIA2", created: new Date() });
    assert.equal(b.keys.length, 1, "one caller's changes never reach another");
    assert.ok(b.keys[0]?.created instanceof Date);

    await shared.once(owner, "keys other-user", read);
    await shared.once({}, "keys u", read);
    assert.equal(reads, 3, "another key or another owner reads again");
    await shared.once(undefined, "keys u", read);
    await shared.once(undefined, "keys u", read);
    assert.equal(reads, 5, "no owner, no sharing");
  });

  it("a failed read fails every caller that shared it", async () => {
    const shared = new SharedReads();
    const owner = {};
    let reads = 0;
    const read = async (): Promise<number> => {
      reads += 1;
      throw new Error("denied");
    };
    const results = await Promise.allSettled([shared.once(owner, "k", read), shared.once(owner, "k", read)]);
    assert.deepEqual(results.map((r) => r.status), ["rejected", "rejected"]);
    assert.equal(reads, 1);
  });
});
