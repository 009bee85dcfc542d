// The IAM Identity Center OIDC calls carry the client secret, the device code and the refresh
// token in their bodies: a redirect (307/308 keep the body) must never carry them elsewhere.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFile } from "node:fs/promises";
import { after, before, it } from "node:test";
import { ssoLogin } from "../../src/core/aws/sso-login";
import { systemClock } from "../../src/core/ports";
import { AppError } from "../../src/shared/errors";
import { ssoConfigText } from "../support/sso-fixtures";
import { isolateAwsEnv, type IsolatedAwsEnv } from "./support/aws-env";

let trap: Server;
let redirector: Server;
const trapped: string[] = [];
let awsEnv: IsolatedAwsEnv;

const listen = (server: Server) => new Promise<string>((done) => server.listen(0, "127.0.0.1", () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

before(async () => {
  trap = createServer((req, res) => {
    trapped.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  const trapUrl = await listen(trap);
  redirector = createServer((req, res) => res.writeHead(307, { location: `${trapUrl}${req.url}` }).end());
  const redirectorUrl = await listen(redirector);
  awsEnv = await isolateAwsEnv("cdp-sso-redirect-");
  await writeFile(awsEnv.configFile, ssoConfigText());
  process.env.AWS_ENDPOINT_URL_SSO_OIDC = redirectorUrl;
});

after(async () => {
  await awsEnv.restore();
  await new Promise((done) => trap.close(done));
  await new Promise((done) => redirector.close(done));
});

it("a 307 from the OIDC endpoint is a clear failure and sends nothing to the redirect target", async () => {
  const env = { ...process.env };
  const error = await ssoLogin("sso-admin", { env, clock: systemClock, onDeviceCode: () => undefined }).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
  assert.notEqual(error.code, "INTERNAL");
  assert.deepEqual(trapped, []);
});
