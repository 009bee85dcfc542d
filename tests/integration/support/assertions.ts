// Helpers the AWS client integration tests share.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { AppError } from "../../../src/shared/errors";
import type { ErrorCode } from "../../../src/shared/errors";

/** Asserts the promise fails with an AppError of `code`; returns it for more checks. */
export async function failsWith(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code, `${error.code}: ${error.message} (${error.details ?? ""})`);
    return error;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
