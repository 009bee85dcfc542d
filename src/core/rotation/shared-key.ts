// Two configured instances (two Jamf Pro servers, or prod and a sandbox) can hold the same IAM
// user's key: rotating it for one would break the other. An access key id is unique across AWS, so
// the same id in two Jamf Pros means the same IAM user and the same key. Preflight stops on it and
// status shows it on both instances.
import type { Target } from "../../shared/domain";
import type { AppErrorData } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import type { TargetGateways } from "./target-gateways";

export interface KeyHolder {
  targetId: string;
  name: string;
}

/** The port the preflight uses: which other configured instances' Jamf Pro hold this key id. */
export interface OtherInstances {
  holdersOf(target: Pick<Target, "id">, keyId: string): Promise<KeyHolder[]>;
}

export interface JamfKeyOfInstance extends KeyHolder {
  /** Null when the instance could not be read (it is then simply not counted). */
  jamfKeyId: string | null;
}

/** Reads every other target's Jamf Pro key id (concurrently; an unreadable one counts as none). */
export class ConfiguredInstances implements OtherInstances {
  constructor(private readonly deps: { targets: { list(): Promise<Target[]> }; gateways: Pick<TargetGateways, "jamf"> }) {}

  async jamfKeysOfOthers(targetId: string): Promise<JamfKeyOfInstance[]> {
    const others = (await this.deps.targets.list()).filter((t) => t.id !== targetId);
    return Promise.all(
      others.map(async (other) => {
        try {
          const cdp = await (await this.deps.gateways.jamf(other)).getCloudDistributionPoint();
          return { targetId: other.id, name: other.name, jamfKeyId: cdp.cdnType === "AMAZON_S3" && cdp.username ? cdp.username : null };
        } catch {
          return { targetId: other.id, name: other.name, jamfKeyId: null };
        }
      }),
    );
  }

  async holdersOf(target: Pick<Target, "id">, keyId: string): Promise<KeyHolder[]> {
    return holdersIn(await this.jamfKeysOfOthers(target.id), keyId);
  }
}

export function holdersIn(instances: JamfKeyOfInstance[], keyId: string | null): KeyHolder[] {
  if (!keyId) return [];
  return instances.filter((i) => i.jamfKeyId === keyId).map(({ targetId, name }) => ({ targetId, name }));
}

function names(holders: KeyHolder[]): string {
  return holders.map((h) => `"${h.name}"`).join(", ");
}

/** Status's words for a shared key (shown on every instance that holds it). */
export function sharedKeyDetail(keyId: string, holders: KeyHolder[]): string {
  return `Jamf Pro's key ${maskKeyId(keyId)} is also held by ${names(holders)}: rotating it here would break ${holders.length === 1 ? "that instance" : "those instances"}.`;
}

/** Preflight's stop when another instance holds the same key. */
export function sharedKeyProblem(keyId: string, iamUser: string | null, holders: KeyHolder[]): AppErrorData {
  const one = holders.length === 1;
  return {
    code: "ROTATION_SHARED_KEY",
    message: `Jamf Pro's key ${maskKeyId(keyId)}${iamUser ? ` of IAM user ${iamUser}` : ""} is also used by ${one ? "the instance" : "the instances"} ${names(holders)}. Rotating it here would leave ${one ? "that instance" : "them"} with a deactivated key, so nothing was changed.`,
    action: `Give each Jamf Pro instance its own IAM user (create one, attach the bucket policy, enter its key in that Jamf Pro), then rotate each separately. Or remove ${names(holders)} from this app if ${one ? "it is" : "they are"} not in use.`,
  };
}
