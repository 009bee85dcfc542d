// Small helpers the catalogue's AWS and Jamf Pro cases share: a port nothing listens on, and
// deleting a key the case seeded, through the sandbox's own IAM API (as an admin would).
import { DeleteAccessKeyCommand, IAMClient } from "@aws-sdk/client-iam";
import { createServer } from "node:net";
import type { CliWorld } from "./cli-harness";

/** A loopback port that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Deletes the IAM users' keys a case added, so the next case starts from the seed again. */
export async function deleteKeys(world: CliWorld, userName: string, keep: string[]): Promise<void> {
  const { sandbox } = world;
  const iam = new IAMClient({
    endpoint: sandbox.aws.url,
    region: "us-east-1",
    credentials: { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey },
  });
  try {
    for (const key of sandbox.aws.control.listKeys(userName)) {
      if (!keep.includes(key.accessKeyId)) await iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: key.accessKeyId }));
    }
  } finally {
    iam.destroy();
  }
}
