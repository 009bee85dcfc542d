// Persistence used by the rotation engine, the status service, the app and the CLI.
// All files live in the data folder (see data-dir.ts), are written atomically and validated on read.
import type { AppSettings, AuditRecord, Target, TargetInput } from "../../shared/domain";

export interface TargetStore {
  list(): Promise<Target[]>;
  /** By id, or by name (case-insensitive). */
  find(idOrName: string): Promise<Target | null>;
  /** Throws AppError TARGET_EXISTS when the name is taken, INVALID_INPUT with a readable message on bad input. */
  add(input: TargetInput): Promise<Target>;
  update(id: string, input: Partial<TargetInput>): Promise<Target>;
  remove(id: string): Promise<void>;
}

export interface SettingsStore {
  get(): Promise<AppSettings>;
  set(patch: Partial<AppSettings>): Promise<AppSettings>;
}

export interface AuditLog {
  append(record: AuditRecord): Promise<void>;
  /** Newest first. */
  list(limit?: number): Promise<AuditRecord[]>;
  exportCsv(): Promise<string>;
  exportJson(): Promise<string>;
}

export interface LockHandle {
  release(): Promise<void>;
}

/** Cross-process lock (app + CLI) so two rotations of one target never run at once. */
export interface RotationLock {
  /** Throws AppError ROTATION_LOCKED naming who holds it (pid, app/cli, since). Stale locks of dead processes are taken over. */
  acquire(targetId: string, owner: "app" | "cli"): Promise<LockHandle>;
}

/** Keychain account names. One place, so the app and the CLI find the same items. */
export const secretAccounts = {
  /** Jamf Pro API client secret or password for a target. */
  jamf: (targetId: string) => `jamf:${targetId}`,
  /** JSON {accessKeyId, secretAccessKey} of a new key not yet safely handed to Jamf Pro. */
  pendingKey: (targetId: string) => `pending-key:${targetId}`,
  /** Optional static admin AWS keys, JSON {accessKeyId, secretAccessKey}. */
  awsAdmin: (targetId: string) => `aws-admin:${targetId}`,
  /** JSON binding of the Jamf secret: the origin and identity it may be sent to (secret-binding-store.ts). */
  jamfBinding: (targetId: string) => `jamf-binding:${targetId}`,
  /** JSON binding of the static AWS admin keys: the endpoint they may be used with. */
  awsAdminBinding: (targetId: string) => `aws-admin-binding:${targetId}`,
} as const;

/** The Keychain service name every item is stored under. */
export const KEYCHAIN_SERVICE = "CDP Key Rotator";
