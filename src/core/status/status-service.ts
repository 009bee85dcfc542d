// StatusService: reads the status of every target at once. Targets are read concurrently (the
// Jamf client caps requests per server at 5); one broken target becomes state `error` and never
// hides the others. The IAM user is discovered from Jamf Pro's key id when the target has none.
// Every Jamf Pro client a refresh takes is closed when the refresh ends, so the sessions targets
// share (one per server and identity) open once and end once per refresh.
//
//   const service = new StatusService({ targets, settings, gateways, journals, clock, logger });
//   const all = await service.refresh();          // TargetStatus[] in target order
//   const one = await service.refresh(targetId);  // [TargetStatus]; TARGET_NOT_FOUND for unknown ids
//   const status = await service.statusOf(target);
import { effectivePolicy, type Policy, type Target, type TargetStatus } from "../../shared/domain";
import { AppError, toErrorData } from "../../shared/errors";
import type { AccessKeyLastUsed, AwsIamGateway } from "../aws/aws-types";
import type { JamfCdpGateway } from "../jamf/jamf-types";
import type { Clock, Logger } from "../ports";
import type { RotationJournalStore } from "../rotation/journal-store";
import type { TargetGateways } from "../rotation/target-gateways";
import { recordOf } from "./record-drift";
import type { SettingsStore, TargetStore } from "../store/store-types";
import type { RotationJournal } from "../rotation/rotation-journal";
import { computeTargetStatus, type ObservedKey, type ObservedRotation } from "./compute-target-status";
import { orphanKeyIds } from "./orphan-keys";
import { holdersIn, sharedKeyDetail, type ConfiguredInstances, type JamfKeyOfInstance } from "../rotation/shared-key";
import { SharedReads } from "./shared-reads";

export interface StatusServiceDeps {
  targets: TargetStore;
  settings: SettingsStore;
  gateways: TargetGateways;
  journals: RotationJournalStore;
  clock: Clock;
  logger: Logger;
  /** Other configured instances, to show a key two of them share (absent: not shown). */
  instances?: ConfiguredInstances;
}

export class StatusService {
  constructor(private readonly deps: StatusServiceDeps) {}

  /** Status of every target, or of the one named by id or name (AppError TARGET_NOT_FOUND otherwise). */
  async refresh(targetIdOrName?: string): Promise<TargetStatus[]> {
    const { defaultPolicy } = await this.deps.settings.get();
    if (targetIdOrName !== undefined) {
      const target = await this.deps.targets.find(targetIdOrName);
      if (!target) throw targetNotFound(targetIdOrName);
      return [await this.readWithOthers(target, defaultPolicy)];
    }
    const targets = await this.deps.targets.list();
    // All clients are taken before any target is read and closed only after all are: a session is
    // never ended while a target on its server still has requests to make.
    const clients = targets.map((target) => this.deps.gateways.jamf(target));
    // A client that cannot be made fails its own target's read; never an unhandled rejection meanwhile.
    for (const client of clients) client.catch(() => undefined);
    const shared = new SharedReads();
    try {
      const statuses = await Promise.all(targets.map((target, i) => this.read(target, defaultPolicy, clients[i], shared)));
      if (!this.deps.instances) return statuses;
      const urlOf = new Map(targets.map((t) => [t.id, t.jamfUrl]));
      const known: JamfKeyOfInstance[] = statuses.map((s) => ({ targetId: s.targetId, name: s.name, jamfKeyId: s.error ? null : s.jamfKeyId, ...(s.error ? { unreadReason: s.error.message } : {}) }));
      // An instance on the same Jamf Pro URL reads the same cloud distribution point: not sharing (shared-key.ts).
      return statuses.map((s) => withSharing(s, known.filter((k) => k.targetId !== s.targetId && urlOf.get(k.targetId) !== urlOf.get(s.targetId))));
    } finally {
      await Promise.all(clients.map(closeQuietly));
    }
  }

  /** Status of one target; failures become state `error`, never an exception. */
  async statusOf(target: Target): Promise<TargetStatus> {
    const { defaultPolicy } = await this.deps.settings.get();
    return this.readWithOthers(target, defaultPolicy);
  }

  /** One target, with the other instances' Jamf Pro keys read alongside to show sharing. */
  private async readWithOthers(target: Target, defaults: Policy): Promise<TargetStatus> {
    const [status, others] = await Promise.all([this.read(target, defaults), this.deps.instances?.jamfKeysOfOthers(target).catch(() => null) ?? []]);
    return withSharing(status, others);
  }

  /** `jamf`: the target's Jamf Pro client when the caller took it (and closes it); else one of its own. */
  private async read(target: Target, defaults: Policy, jamf?: Promise<JamfCdpGateway>, shared = new SharedReads()): Promise<TargetStatus> {
    if (!jamf) {
      const own = this.deps.gateways.jamf(target);
      own.catch(() => undefined);
      try {
        return await this.read(target, defaults, own);
      } finally {
        await closeQuietly(own);
      }
    }
    const policy = effectivePolicy(defaults, target.policy);
    const journalRead = this.deps.journals.read(target.id);
    journalRead.catch(() => undefined);
    const rotationRead = journalRead.then(observedRotation);
    // Awaited below on both paths; the no-op handler keeps an early failure from counting as unhandled.
    rotationRead.catch(() => undefined);
    try {
      const observed = await this.observe(target, jamf, shared);
      const rotation = await rotationRead;
      const journal = await journalRead;
      const candidates = observed.keys.map((key) => ({ ...key, userName: observed.iamUser, description: key.description ?? null }));
      const orphans = orphanKeyIds({ target, keys: candidates, jamfKeyId: observed.jamfKeyId, journal });
      return computeTargetStatus({ target, policy, now: this.deps.clock.now(), ...observed, rotation, orphanKeyIds: orphans });
    } catch (error) {
      const rotation = await rotationRead.catch(() => null);
      const data = toErrorData(error);
      this.deps.logger.log("warn", "Status read failed", { target: target.name, code: data.code });
      return computeTargetStatus({
        target,
        policy,
        now: this.deps.clock.now(),
        iamUser: target.iamUser ?? null,
        keys: [],
        jamfKeyId: null,
        rotation,
        error: data,
      });
    }
  }

  private async observe(target: Target, jamfClient: Promise<JamfCdpGateway>, shared: SharedReads) {
    const [sharedAws, jamf] = await Promise.all([this.deps.gateways.aws(target), jamfClient]);
    const aws = sharedReadsOf(sharedAws, shared);
    const configuredUser = target.iamUser ?? null;
    const [cdp, listed] = await Promise.all([
      shared.once(jamf.session, "cdp", () => jamf.getCloudDistributionPoint()),
      configuredUser ? aws.listAccessKeys(configuredUser) : Promise.resolve(null),
    ]);
    if (cdp.cdnType !== "AMAZON_S3") throw notAws(cdp.cdnType);
    const jamfKeyId = cdp.username ? cdp.username : null;
    let iamUser = configuredUser;
    const knownUse = new Map<string, AccessKeyLastUsed>();
    if (!iamUser) {
      if (!jamfKeyId) throw noKeyToDiscoverFrom();
      const use = await aws.getAccessKeyLastUsed(jamfKeyId);
      knownUse.set(jamfKeyId, use);
      iamUser = use.userName;
    }
    const user = iamUser;
    const metadata = listed ?? (await aws.listAccessKeys(user));
    const [descriptions, keys, jamfKeyOwner] = await Promise.all([
      readDescriptions(aws, user),
      Promise.all(metadata.map((key) => withLastUse(aws, key.accessKeyId, knownUse).then((use) => toObserved(key, use)))),
      jamfKeyId && !metadata.some((key) => key.accessKeyId === jamfKeyId) ? ownerOf(aws, jamfKeyId, knownUse) : Promise.resolve(null),
    ]);
    for (const key of keys) key.description = descriptions.get(key.accessKeyId) ?? null;
    return { iamUser: user, keys, jamfKeyId, jamfKeyOwner };
  }
}

/**
 * Marks a key other instances' Jamf Pro hold: the instances are named, and such a key is never an
 * orphan here (the orphan rule counts every Jamf Pro that holds a key, see unused-key.ts). While
 * another instance's Jamf Pro cannot be read (`others` null: none could), it may hold any key, so no
 * key is offered as an orphan until it can be read again.
 */
function withSharing(status: TargetStatus, others: JamfKeyOfInstance[] | null): TargetStatus {
  const known = others ?? [];
  const heldElsewhere = new Set(known.map((o) => o.jamfKeyId).filter((id): id is string => !!id));
  const unknownElsewhere = others === null || others.some((o) => o.unreadReason !== undefined);
  const sharedWith = status.error ? [] : holdersIn(known, status.jamfKeyId);
  const keys = status.keys.map((key) => (key.orphan && (unknownElsewhere || heldElsewhere.has(key.id)) ? { ...key, orphan: false, orphanQuestion: null } : key));
  return {
    ...status,
    keys,
    sharedWith,
    sharedDetail: sharedWith.length > 0 && status.jamfKeyId ? sharedKeyDetail(status.jamfKeyId, sharedWith) : null,
  };
}

/** The reads the status makes, shared with the other targets on the same AWS gateway in this refresh. */
type StatusReads = Pick<AwsIamGateway, "listAccessKeys" | "getAccessKeyLastUsed" | "listKeyDescriptions">;

function sharedReadsOf(aws: AwsIamGateway, shared: SharedReads): StatusReads {
  return {
    listAccessKeys: (user) => shared.once(aws, `keys ${user}`, () => aws.listAccessKeys(user)),
    getAccessKeyLastUsed: (keyId) => shared.once(aws, `used ${keyId}`, () => aws.getAccessKeyLastUsed(keyId)),
    listKeyDescriptions: (user) => shared.once(aws, `descriptions ${user}`, () => aws.listKeyDescriptions(user)),
  };
}

/** Closing ends this use of a session; a client that was never made has nothing to close. */
async function closeQuietly(client: Promise<JamfCdpGateway>): Promise<void> {
  await client.then((jamf) => jamf.close()).catch(() => undefined);
}

function observedRotation(journal: RotationJournal | null): ObservedRotation | null {
  if (!journal) return null;
  const pendingDeletion =
    journal.status === "pending-deletion" && journal.oldKeyId && journal.deleteOldAfter
      ? { keyId: journal.oldKeyId, deleteAfter: journal.deleteOldAfter }
      : null;
  // Jamf Cloud may show the old key for a minute after the push: expect the new key only once
  // the rotation saw Jamf Pro hold it.
  const record = { ...recordOf(journal), pushed: journal.jamfVerifiedAt !== null };
  return { status: journal.status, pendingDeletion, stateMessage: journal.stateMessage, record };
}

/** Descriptions need the optional iam:ListUserTags: without it, keys simply show none. */
async function readDescriptions(aws: StatusReads, userName: string): Promise<Map<string, string>> {
  try {
    return await aws.listKeyDescriptions(userName);
  } catch {
    return new Map();
  }
}

async function withLastUse(aws: StatusReads, keyId: string, known: Map<string, AccessKeyLastUsed>): Promise<AccessKeyLastUsed> {
  return known.get(keyId) ?? aws.getAccessKeyLastUsed(keyId);
}

/** The IAM user owning a key outside the target user's list; null when AWS will not say. */
async function ownerOf(aws: StatusReads, keyId: string, known: Map<string, AccessKeyLastUsed>): Promise<string | null> {
  try {
    return (await withLastUse(aws, keyId, known)).userName;
  } catch {
    return null;
  }
}

function toObserved(key: { accessKeyId: string; status: "Active" | "Inactive"; createDate: Date }, use: AccessKeyLastUsed): ObservedKey {
  return {
    accessKeyId: key.accessKeyId,
    status: key.status,
    createDate: key.createDate,
    lastUsedDate: use.lastUsedDate,
    lastUsedService: use.serviceName,
    lastUsedRegion: use.region,
  };
}

export function targetNotFound(idOrName: string): AppError {
  return new AppError({
    code: "TARGET_NOT_FOUND",
    message: `No Jamf Pro instance named or with id "${idOrName}" is set up.`,
    action: "List the instances with `cdp-key-rotator targets list`, or add it in Settings.",
  });
}

export function notAws(cdnType: string): AppError {
  return new AppError({
    code: "JAMF_CDP_NOT_AWS",
    message: `Jamf Pro's cloud distribution point uses ${cdnType}, not Amazon Web Services, so there is no AWS key to rotate.`,
    action: "Check the Jamf Pro URL of this instance, or remove the instance.",
  });
}

function noKeyToDiscoverFrom(): AppError {
  return new AppError({
    code: "DRIFT",
    message: "Jamf Pro's cloud distribution point holds no access key id, so the IAM user cannot be discovered.",
    action: "Enter the IAM user name in the instance's settings, and check Settings > Server > Cloud Distribution Point in Jamf Pro.",
  });
}
