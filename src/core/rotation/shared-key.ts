// Two configured instances (two Jamf Pro servers, or prod and a sandbox) can hold the same IAM
// user's key: rotating it for one would break the other. An access key id is unique across AWS, so
// the same id in two Jamf Pros means the same IAM user and the same key. Preflight stops on it and
// status shows it on both instances. Two instances of one IAM user with *different* keys are fine
// (the user has two key slots): rotating one replaces only its own key — but the rotation then
// needs a free slot, which preflight's key-slot check already asks for. Two instances with the
// same Jamf Pro URL read one cloud distribution point: rotating one updates it for both, so they
// never count as sharing.
import type { Target } from "../../shared/domain";
import type { AppErrorData } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import type { TargetGateways } from "./target-gateways";

export interface KeyHolder {
  targetId: string;
  name: string;
}

/** What preflight learns about the other instances: who holds the key, and whom it could not ask. */
export interface SharedKeyScan {
  holders: KeyHolder[];
  /** Every key id another instance's Jamf Pro holds, with that instance (never offered for deletion). */
  heldElsewhere: (KeyHolder & { keyId: string })[];
  /** Instances whose Jamf Pro could not be read, with the reason (they may hold the key too). */
  unread: { name: string; reason: string }[];
}

/** The port the preflight uses: which other configured instances' Jamf Pro hold this key id. */
export interface OtherInstances {
  holdersOf(target: Pick<Target, "id" | "jamfUrl">, keyId: string): Promise<SharedKeyScan>;
}

export interface JamfKeyOfInstance extends KeyHolder {
  /** Null when the instance has no AWS key or could not be read (then `unreadReason` says why). */
  jamfKeyId: string | null;
  unreadReason?: string;
}

/** Reads every other instance's Jamf Pro key id, concurrently (one on the same Jamf Pro URL is skipped). */
export class ConfiguredInstances implements OtherInstances {
  constructor(private readonly deps: { targets: { list(): Promise<Target[]> }; gateways: Pick<TargetGateways, "jamf"> }) {}

  async jamfKeysOfOthers(target: Pick<Target, "id" | "jamfUrl">): Promise<JamfKeyOfInstance[]> {
    const others = (await this.deps.targets.list()).filter((t) => t.id !== target.id && t.jamfUrl !== target.jamfUrl);
    return Promise.all(
      others.map(async (other) => {
        // The other instance's own gateway: its stored secret is used only with its own origin.
        const client = this.deps.gateways.jamf(other);
        try {
          const cdp = await (await client).getCloudDistributionPoint();
          return { targetId: other.id, name: other.name, jamfKeyId: cdp.cdnType === "AMAZON_S3" && cdp.username ? cdp.username : null };
        } catch (error) {
          return { targetId: other.id, name: other.name, jamfKeyId: null, unreadReason: error instanceof Error ? error.message : String(error) };
        } finally {
          // Gives back its share of the Jamf Pro session: the last one given back invalidates the token.
          await client.then((jamf) => jamf.close()).catch(() => undefined);
        }
      }),
    );
  }

  async holdersOf(target: Pick<Target, "id" | "jamfUrl">, keyId: string): Promise<SharedKeyScan> {
    const others = await this.jamfKeysOfOthers(target);
    return {
      holders: holdersIn(others, keyId),
      heldElsewhere: others.flatMap(({ targetId, name, jamfKeyId }) => (jamfKeyId ? [{ targetId, name, keyId: jamfKeyId }] : [])),
      unread: others.flatMap((o) => (o.unreadReason !== undefined ? [{ name: o.name, reason: o.unreadReason }] : [])),
    };
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
  return `Shares its key ${maskKeyId(keyId)} with ${names(holders)}: rotating it here would break ${holders.length === 1 ? "that instance" : "those instances"}.`;
}

/** Preflight's stop when another instance holds the same key. */
export function sharedKeyProblem(keyId: string, iamUser: string | null, holders: KeyHolder[]): AppErrorData {
  const one = holders.length === 1;
  return {
    code: "ROTATION_SHARED_KEY",
    message: `${names(holders)} ${one ? "uses" : "use"} the same key ${maskKeyId(keyId)}${iamUser ? ` of IAM user ${iamUser}` : ""}; rotating this one would break ${one ? "it" : "them"} (${one ? "its" : "their"} Jamf Pro would be left with a deactivated key). Nothing was changed.`,
    action: `Give each Jamf Pro instance its own IAM user (create one with the bucket policy, enter its key in that Jamf Pro's cloud distribution point), then rotate each separately. If ${names(holders)} ${one ? "is" : "are"} no longer in use, remove ${one ? "it" : "them"} from this app.`,
  };
}

/** Preflight's note when some other instances could not be asked (not a stop: they may be down). */
export function sharedKeyUnchecked(unread: SharedKeyScan["unread"]): string {
  const list = unread.map((u) => `"${u.name}" (${u.reason.replace(/\.$/, "")})`).join(", ");
  return `Not checked for ${list}: if ${unread.length === 1 ? "it uses" : "one of them uses"} the same key, rotating here would break it. Check ${unread.length === 1 ? "its" : "their"} Jamf Pro's cloud distribution point before rotating.`;
}

/**
 * The IAM user's other key is held by another instance's Jamf Pro (one IAM user, two keys, two
 * instances): there is no free slot for a new key, and that key is never deleted to make one.
 */
export function sharedUserProblem(otherKeyId: string, iamUser: string, holders: KeyHolder[]): AppErrorData {
  const one = holders.length === 1;
  return {
    code: "ROTATION_SHARED_KEY",
    message: `IAM user ${iamUser} has two keys: Jamf Pro's and ${maskKeyId(otherKeyId)}, which ${names(holders)} ${one ? "uses" : "use"}. IAM allows only two keys per user, so there is no room for a new key, and ${maskKeyId(otherKeyId)} is not deleted to make room. Nothing was changed.`,
    action: `Give each Jamf Pro instance its own IAM user (create one with the bucket policy, enter its key in that Jamf Pro's cloud distribution point), then rotate each separately.`,
  };
}
