// Jamf Pro's use of the stored AWS key: the connection test (ListObjectsV2 on the CDP bucket)
// and the periodic package upload (PutObject). Both really sign with the stored key id/secret.
import type { JamfCdpState } from "../sandbox-types";
import type { ConnectionResult, JamfPeerState } from "./jamf-peer-state";
import { sendSignedS3Request } from "./s3-signed-request";

export async function runConnectionTest(cdp: JamfCdpState, awsUrl: string): Promise<ConnectionResult> {
  switch (cdp.cdnType) {
    case "NONE":
      return { hasConnectionSucceeded: false, message: "No cloud distribution point is configured" };
    case "AMAZON_S3":
      break;
    default:
      // Only the AWS flavour is simulated; the others have nothing behind them in the sandbox.
      return { hasConnectionSucceeded: true, message: `Connection to ${cdp.cdnType} succeeded` };
  }
  if (!cdp.username || !cdp.password) return { hasConnectionSucceeded: false, message: "Access key ID and secret are required" };
  try {
    const answer = await sendSignedS3Request({
      awsUrl,
      region: cdp.region,
      accessKeyId: cdp.username,
      secretAccessKey: cdp.password,
      method: "GET",
      bucket: cdp.bucket,
      query: { "list-type": "2", "max-keys": "1" },
    });
    if (answer.errorCode === null) return { hasConnectionSucceeded: true, message: "Connection to Amazon S3 succeeded" };
    return {
      hasConnectionSucceeded: false,
      message: `Amazon S3 refused the credentials: ${answer.errorCode}${answer.errorMessage ? ` (${answer.errorMessage})` : ""}`,
    };
  } catch (error) {
    return { hasConnectionSucceeded: false, message: `Cannot contact Amazon S3: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** One "package upload" with the stored key; remembered in state.uploads (last 100). */
export async function uploadPackage(state: JamfPeerState, awsUrl: string): Promise<void> {
  const cdp = state.cdp;
  if (cdp.cdnType !== "AMAZON_S3" || !cdp.username || !cdp.password) return;
  const at = state.now().toISOString();
  let ok = false;
  let message: string;
  try {
    const answer = await sendSignedS3Request({
      awsUrl,
      region: cdp.region,
      accessKeyId: cdp.username,
      secretAccessKey: cdp.password,
      method: "PUT",
      bucket: cdp.bucket,
      key: `packages/sandbox-${Date.now()}.pkg`,
      body: Buffer.from("sandbox package payload\n"),
    });
    ok = answer.errorCode === null;
    message = ok ? "uploaded" : `refused: ${answer.errorCode}`;
  } catch (error) {
    message = `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  state.uploads.push({ at, accessKeyId: cdp.username, ok, message });
  if (state.uploads.length > 100) state.uploads.shift();
}
