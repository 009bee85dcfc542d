// The CLI's proxy settings from the environment: a proxy variable an admin mistyped is named with
// the fix (never echoed: it may hold a password), and curl's scheme-less `host:port` means http.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEnvProxyFetch } from "../../../src/core/net/env-proxy-fetch";
import { AppError } from "../../../src/shared/errors";

describe("createEnvProxyFetch", () => {
  it("reads a proxy without a scheme as http://, as curl does", async () => {
    const network = createEnvProxyFetch({ env: { HTTPS_PROXY: "proxy.corp:8080" } });
    try {
      assert.equal(network.describe().httpsProxy, "http://proxy.corp:8080");
    } finally {
      await network.close();
    }
  });

  for (const [name, value] of [
    ["HTTPS_PROXY", "ftp://me:hunter2pass@proxy.corp:21"],
    ["http_proxy", "http://"],
    ["HTTP_PROXY", "not a url"],
  ] as const) {
    it(`refuses ${name}=${JSON.stringify(value)} with a message naming the variable, not its value`, () => {
      assert.throws(
        () => createEnvProxyFetch({ env: { [name]: value } }),
        (error: unknown) => {
          assert.ok(error instanceof AppError);
          assert.equal(error.code, "CONFIG_INVALID");
          assert.match(error.message, new RegExp(`The proxy in ${name} is not a valid proxy address`));
          assert.match(error.action ?? "", new RegExp(`Correct ${name} .*or unset it`));
          assert.ok(!`${error.message} ${error.action ?? ""}`.includes("hunter2pass"), "no password in the message");
          return true;
        },
      );
    });
  }
});
