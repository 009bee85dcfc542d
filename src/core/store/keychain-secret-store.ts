// Secrets in the macOS Keychain (generic-password items) or, on Linux, the Secret Service
// (gnome-keyring, KWallet), through @napi-rs/keyring. One item per account (see secretAccounts),
// all under one service name. Errors never carry the secret.
import { AsyncEntry, type EntryOptions } from "@napi-rs/keyring";
import { AppError } from "../../shared/errors";
import type { SecretStore } from "../ports";
import { KEYCHAIN_SERVICE } from "./store-types";

export interface KeychainSecretStoreOptions {
  /** Service name of every item (default KEYCHAIN_SERVICE). Tests use a unique one per run. */
  service?: string;
  /** Platform for the wording of errors (default process.platform). */
  platform?: NodeJS.Platform;
}

export class KeychainSecretStore implements SecretStore {
  readonly service: string;
  private readonly platform: NodeJS.Platform;

  constructor(options: KeychainSecretStoreOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.platform = options.platform ?? process.platform;
  }

  async get(account: string): Promise<string | null> {
    assertAccount(account);
    try {
      return await this.entry(account).getPassword();
    } catch (error) {
      throw this.unavailable("read", account, error);
    }
  }

  async set(account: string, secret: string): Promise<void> {
    assertAccount(account);
    if (secret.length === 0) {
      throw new AppError({ code: "INVALID_INPUT", message: "The secret is empty.", action: "Enter the secret and try again." });
    }
    try {
      await this.entry(account).setPassword(secret);
    } catch (error) {
      throw this.unavailable("save", account, error, secret);
    }
  }

  async delete(account: string): Promise<boolean> {
    assertAccount(account);
    try {
      return await this.entry(account).deletePassword();
    } catch (error) {
      throw this.unavailable("delete", account, error);
    }
  }

  private entry(account: string): AsyncEntry {
    // On Linux the library would silently fall back to the kernel keyring, which forgets
    // everything at reboot: a pending key's only copy must never live there.
    const options: EntryOptions = { linux: { store: "secret-service" } };
    return new AsyncEntry(this.service, account, options);
  }

  private unavailable(verb: KeychainVerb, account: string, error: unknown, secret?: string): AppError {
    return keychainUnavailableError({ platform: this.platform, verb, account, error, secret });
  }
}

export type KeychainVerb = "read" | "save" | "delete";

/** KEYCHAIN_UNAVAILABLE for a failed keyring call; the secret (if given) is scrubbed from the details. */
export function keychainUnavailableError(input: {
  platform: NodeJS.Platform;
  verb: KeychainVerb;
  account: string;
  error: unknown;
  secret?: string | undefined;
}): AppError {
  let detail = input.error instanceof Error ? input.error.message : String(input.error);
  if (input.secret) detail = detail.split(input.secret).join("[secret]");
  // No `cause`: the keyring's error object is not ours to vouch for; its text is in details, scrubbed.
  return new AppError({
    code: "KEYCHAIN_UNAVAILABLE",
    message: `Could not ${input.verb} the Keychain item "${input.account}" (${storeName(input.platform)}).`,
    action: keychainAction(input.platform),
    details: detail,
  });
}

function storeName(platform: NodeJS.Platform): string {
  switch (platform) {
    case "darwin":
      return "macOS Keychain";
    case "win32":
      return "Windows Credential Manager";
    default:
      return "Secret Service";
  }
}

export function keychainAction(platform: NodeJS.Platform): string {
  switch (platform) {
    case "darwin":
      return "Unlock your login keychain (open Keychain Access, or log out and in again) and click Allow when macOS asks whether CDP Key Rotator may use it, then try again.";
    case "win32":
      return "Make sure Windows Credential Manager is available for your account, then try again.";
    default:
      return "Start a Secret Service such as gnome-keyring (gnome-keyring-daemon --start --components=secrets) and unlock it, then try again. For the sandbox only, the CLI's --no-keychain keeps secrets in memory.";
  }
}

function assertAccount(account: string): void {
  if (!account || account.length > 256) {
    throw new AppError({ code: "INTERNAL", message: "A Keychain account name must be 1–256 characters.", action: "Report this as a bug." });
  }
}
