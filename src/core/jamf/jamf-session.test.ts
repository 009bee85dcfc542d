import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Semaphore, originLimiter } from "./jamf-concurrency";
import { CookieJar } from "./jamf-cookie-jar";

describe("Jamf session helpers", () => {
  it("the cookie jar keeps, replaces and expires cookies", () => {
    const jar = new CookieJar();
    const now = new Date("2025-01-01T00:00:00Z");
    jar.store(["APBALANCEID=aws.usw2-a; path=/; HttpOnly", "other=1"], now);
    assert.equal(jar.header(), "APBALANCEID=aws.usw2-a; other=1");
    jar.store(["APBALANCEID=aws.usw2-b; path=/"], now);
    jar.store(["other=; Max-Age=0"], now);
    assert.equal(jar.header(), "APBALANCEID=aws.usw2-b");
    jar.store(["APBALANCEID=x; Expires=Wed, 01 Jan 2020 00:00:00 GMT"], now);
    assert.equal(jar.header(), null);
  });

  it("the semaphore never lets more than its capacity through, and hands slots on in order", async () => {
    const gate = new Semaphore(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const release = await gate.acquire();
        active += 1;
        peak = Math.max(peak, active);
        order.push(i);
        await new Promise((r) => setImmediate(r));
        active -= 1;
        release();
        release();
      }),
    );
    assert.equal(peak, 2);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  });

  it("one limiter per origin", () => {
    assert.equal(originLimiter("https://a.example.com"), originLimiter("https://a.example.com"));
    assert.notEqual(originLimiter("https://a.example.com"), originLimiter("https://b.example.com"));
    assert.equal(originLimiter("https://a.example.com").capacity, 5);
  });
});
