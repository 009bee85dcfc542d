// The sandbox world: an AWS peer and a Jamf Pro peer wired together and seeded like a typical
// customer: an admin IAM user, the CDP IAM user whose 83-day-old key Jamf Pro holds, and a Jamf
// Pro API client with both CDP privileges. Used by tests, `npm run sandbox` and the preview.
import { randomBytes, randomUUID } from "node:crypto";
import { startAwsPeer } from "./aws/aws-peer";
import { startJamfPeer } from "./jamf/jamf-peer";
import type { AwsPeerHandle, JamfPeerHandle, SandboxWorld } from "./sandbox-types";

export const SANDBOX_REGION = "us-east-1";
export const SANDBOX_ADMIN_USER = "cdp-admin";
export const SANDBOX_CDP_USER = "jamf-cdp";
export const SANDBOX_CDP_KEY_AGE_DAYS = 83;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SandboxOptions {
  awsPort?: number;
  jamfPort?: number;
  /** Extra latency on every request to either peer, ms. */
  latencyMs?: number;
  /** IAM eventual consistency for new keys (see AwsPeerControl.setPropagation); none by default. */
  propagation?: { refuseMs: number; flakyMs: number; flakyEvery?: number };
  /** Jamf Pro's periodic package upload with the CDP key; 0/absent = off. */
  uploadIntervalMs?: number;
  /** Host both peers bind to (default 127.0.0.1). */
  host?: string;
  /** Serve the Jamf Pro peer over HTTPS with this certificate (PEM). */
  jamfTls?: { key: string; cert: string };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxWorld> {
  const host = options.host ?? "127.0.0.1";
  const aws: AwsPeerHandle = await startAwsPeer({ host, port: options.awsPort ?? 0 });
  let jamf: JamfPeerHandle;
  try {
    jamf = await startJamfPeer({ awsUrl: aws.url, host, port: options.jamfPort ?? 0, ...(options.jamfTls ? { tls: options.jamfTls } : {}) });
  } catch (error) {
    await aws.stop();
    throw error;
  }

  const awsNow = aws.control.now().getTime();
  aws.control.createUser(SANDBOX_ADMIN_USER);
  aws.control.allow(SANDBOX_ADMIN_USER, ["*"]);
  const admin = aws.control.issueKey(SANDBOX_ADMIN_USER, { propagated: true });
  aws.control.createUser(SANDBOX_CDP_USER);
  aws.control.allow(SANDBOX_CDP_USER, ["s3:*"]);
  const cdpKey = aws.control.issueKey(SANDBOX_CDP_USER, { createdAt: new Date(awsNow - SANDBOX_CDP_KEY_AGE_DAYS * DAY_MS), propagated: true });
  // Jamf Pro uploaded a package a few hours ago.
  aws.control.recordUse(cdpKey.accessKeyId, "s3", SANDBOX_REGION, new Date(awsNow - 3 * 60 * 60 * 1000));

  jamf.control.setCdp({
    cdnType: "AMAZON_S3",
    master: true,
    username: cdpKey.accessKeyId,
    password: cdpKey.secretAccessKey,
    bucket: `jamf-cdp-${aws.control.accountId}`,
    region: SANDBOX_REGION,
  });
  const jamfClient = { clientId: randomUUID(), clientSecret: randomBytes(48).toString("base64url") };
  jamf.control.addApiClient({ ...jamfClient, privileges: ["Read Cloud Distribution Point", "Update Cloud Distribution Point"] });
  jamf.control.setBaseline();

  if (options.latencyMs) {
    aws.control.setLatency(options.latencyMs);
    jamf.control.setLatency(options.latencyMs);
  }
  if (options.propagation) aws.control.setPropagation(options.propagation);
  if (options.uploadIntervalMs) jamf.control.setUploadIntervalMs(options.uploadIntervalMs);

  const env: Record<string, string> = {
    AWS_ENDPOINT_URL_IAM: aws.url,
    AWS_ENDPOINT_URL_STS: aws.url,
    AWS_ENDPOINT_URL: aws.url,
    AWS_ACCESS_KEY_ID: admin.accessKeyId,
    AWS_SECRET_ACCESS_KEY: admin.secretAccessKey,
    AWS_REGION: SANDBOX_REGION,
    JAMF_URL: jamf.url,
    JAMF_CLIENT_ID: jamfClient.clientId,
    JAMF_CLIENT_SECRET: jamfClient.clientSecret,
  };

  let stopped = false;
  return {
    aws,
    jamf,
    admin,
    cdpUser: SANDBOX_CDP_USER,
    cdpKey,
    jamfClient,
    env,
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.allSettled([jamf.stop(), aws.stop()]);
    },
  };
}
