// Secrets in the macOS Keychain (generic-password items) or, on Linux, the Secret Service
// (gnome-keyring, KWallet), through @napi-rs/keyring. One item per account (see secretAccounts),
// all under one service name. Errors never carry the secret.
import type * as Keyring from "@napi-rs/keyring";
import type { AsyncEntry, EntryOptions } from "@napi-rs/keyring";
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
    const Entry = await this.entryClass();
    try {
      return await this.entry(Entry, account).getPassword();
    } catch (error) {
      throw this.unavailable("read", account, error);
    }
  }

  async set(account: string, secret: string): Promise<void> {
    assertAccount(account);
    if (secret.length === 0) {
      throw new AppError({ code: "INVALID_INPUT", message: "The secret is empty.", action: "Enter the secret and try again." });
    }
    const Entry = await this.entryClass();
    try {
      await this.entry(Entry, account).setPassword(secret);
    } catch (error) {
      throw this.unavailable("save", account, error, secret);
    }
  }

  async delete(account: string): Promise<boolean> {
    assertAccount(account);
    const Entry = await this.entryClass();
    try {
      return await this.entry(Entry, account).deletePassword();
    } catch (error) {
      throw this.unavailable("delete", account, error);
    }
  }

  /** Loading the binding fails with its own message (see keychainBindingMissingError). */
  private async entryClass(): Promise<typeof AsyncEntry> {
    return (await loadKeyring(this.platform)).AsyncEntry;
  }

  private entry(Entry: typeof AsyncEntry, account: string): AsyncEntry {
    // On Linux the library would silently fall back to the kernel keyring, which forgets
    // everything at reboot: a pending key's only copy must never live there.
    const options: EntryOptions = { linux: { store: "secret-service" } };
    return new Entry(this.service, account, options);
  }

  private unavailable(verb: KeychainVerb, account: string, error: unknown, secret?: string): AppError {
    return keychainUnavailableError({ platform: this.platform, verb, account, error, secret });
  }
}

type KeyringModule = typeof Keyring;
let keyring: Promise<KeyringModule> | null = null;

/**
 * The native binding is loaded on first use, not at launch: an app whose binding for this CPU is
 * missing (an x64 build made without scripts/keyring-bindings.mjs) still starts, shows its menu-bar
 * icon and says what is wrong, instead of dying before anything appears.
 */
function loadKeyring(platform: NodeJS.Platform): Promise<KeyringModule> {
  keyring ??= import("@napi-rs/keyring").catch((error: unknown) => {
    keyring = null;
    throw keychainBindingMissingError(platform, error);
  });
  return keyring;
}

/** KEYCHAIN_UNAVAILABLE when the native Keychain module cannot load on this Mac. */
export function keychainBindingMissingError(platform: NodeJS.Platform, error: unknown): AppError {
  const cpu = process.arch;
  return new AppError({
    code: "KEYCHAIN_UNAVAILABLE",
    message: `CDP Key Rotator cannot use the ${storeName(platform)}: its Keychain module for this ${cpu === "arm64" ? "Apple silicon" : cpu} computer is missing.`,
    action:
      platform === "darwin"
        ? `Install the CDP Key Rotator package built for ${cpu} (ask your Jamf Pro administrator), then open the app again.`
        : "Run `npm install` in the project folder, then try again.",
    details: error instanceof Error ? error.message : String(error),
  });
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
