// A second Jamf Pro server on the sandbox's AWS peer (real HTTP), whose cloud distribution point
// holds a given key of the CDP user: two instances sharing one IAM user (issue 9).
import { randomBytes, randomUUID } from "node:crypto";
import { startJamfPeer } from "../../src/sandbox/jamf/jamf-peer";
import type { JamfPeerHandle, SandboxWorld } from "../../src/sandbox/sandbox-types";
import { SANDBOX_REGION } from "../../src/sandbox/world";

export interface SecondJamf {
  peer: JamfPeerHandle;
  client: { clientId: string; clientSecret: string };
}

export async function startSecondJamf(world: SandboxWorld, key: { accessKeyId: string; secretAccessKey: string }): Promise<SecondJamf> {
  const peer = await startJamfPeer({ awsUrl: world.aws.url, host: "127.0.0.1", port: 0 });
  peer.control.setCdp({
    cdnType: "AMAZON_S3",
    master: true,
    username: key.accessKeyId,
    password: key.secretAccessKey,
    bucket: `jamf-cdp-${world.aws.control.accountId}`,
    region: SANDBOX_REGION,
  });
  const client = { clientId: randomUUID(), clientSecret: randomBytes(48).toString("base64url") };
  peer.control.addApiClient({ ...client, privileges: ["Read Cloud Distribution Point", "Update Cloud Distribution Point"] });
  return { peer, client };
}
