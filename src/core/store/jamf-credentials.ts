// Where a target's secrets come from, in one place for the app, the CLI and the rotation engine:
// the environment (non-interactive use), else the Keychain. Also the Keychain record of a new key
// that is not yet safely in Jamf Pro (PendingKeyVault): its only copy, so it is verified on write.
import { z } from "zod";
import type { Target } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import { ACCESS_KEY_ID_PATTERN, maskKeyId } from "../../shared/mask";
import type { KeyPair } from "../aws/aws-types";
import type { JamfCredentials } from "../jamf/jamf-types";
import type { SecretStore } from "../ports";
import {
  assertAwsKeysBound,
  assertJamfSecretBound,
  clearAwsBinding,
  clearJamfBinding,
  writeAwsBinding,
  writeJamfBinding,
} from "./secret-binding-store";
import { secretAccounts } from "./store-types";

export const JAMF_ENV = {
  clientId: "JAMF_CLIENT_ID",
  clientSecret: "JAMF_CLIENT_SECRET",
  username: "JAMF_USERNAME",
  password: "JAMF_PASSWORD",
} as const;

/**
 * The rule for the environment: it is used only when it names the same identity as the target,
 * so a secret meant for one Jamf Pro server is never sent to another (MSPs run many targets).
 * - API-client target: JAMF_CLIENT_ID and JAMF_CLIENT_SECRET are both set and JAMF_CLIENT_ID equals
 *   the target's client id (the target always has one: the schema requires it).
 * - Basic target: JAMF_USERNAME and JAMF_PASSWORD are both set and JAMF_USERNAME equals the target's
 *   username (case-insensitively, as Jamf Pro compares user names).
 * Otherwise the Keychain item secretAccounts.jamf(target.id) is used; when it is absent too the
 * error says how to store it, and why the environment did not apply if it was set.
 */
export async function resolveJamfCredentials(
  target: Target,
  secrets: SecretStore,
  env: Record<string, string | undefined>,
): Promise<JamfCredentials> {
  const auth = target.jamfAuth;
  const fromEnv = jamfCredentialsFromEnv(target, env);
  if (fromEnv.credentials) return fromEnv.credentials;
  const stored = await secrets.get(secretAccounts.jamf(target.id));
  if (stored) {
    // Only to the origin and identity it was stored for (SECRET_MISSING otherwise).
    await assertJamfSecretBound(secrets, target.id, target);
    return auth.kind === "api-client"
      ? { kind: "api-client", clientId: auth.clientId, clientSecret: stored }
      : { kind: "basic", username: auth.username, password: stored };
  }
  const what = auth.kind === "api-client" ? "API client secret" : "password";
  const envHint =
    auth.kind === "api-client"
      ? `For automation, set ${JAMF_ENV.clientId}=${auth.clientId} and ${JAMF_ENV.clientSecret}.`
      : `For automation, set ${JAMF_ENV.username}=${auth.username} and ${JAMF_ENV.password}.`;
  const error: ConstructorParameters<typeof AppError>[0] = {
    code: "SECRET_MISSING",
    message: `No Jamf Pro ${what} is stored for "${target.name}".`,
    action: `Enter it in Settings → ${target.name}, or run cdp-key-rotator targets add again for this instance (it asks for the ${what} and stores it in the Keychain). ${envHint}`,
  };
  if (fromEnv.ignoredBecause) error.details = fromEnv.ignoredBecause;
  throw new AppError(error);
}

/** Credentials from the environment under the rule above, or why the environment was not used. */
export function jamfCredentialsFromEnv(
  target: Target,
  env: Record<string, string | undefined>,
): { credentials: JamfCredentials | null; ignoredBecause: string | null } {
  const auth = target.jamfAuth;
  if (auth.kind === "api-client") {
    const id = env[JAMF_ENV.clientId]?.trim();
    const secret = env[JAMF_ENV.clientSecret];
    if (!secret) return { credentials: null, ignoredBecause: null };
    if (!id) return { credentials: null, ignoredBecause: `${JAMF_ENV.clientSecret} is set but ${JAMF_ENV.clientId} is not, so it was not used.` };
    if (id !== auth.clientId) {
      return {
        credentials: null,
        ignoredBecause: `${JAMF_ENV.clientId} is ${id}, not this instance's client id ${auth.clientId}, so the environment was not used.`,
      };
    }
    return { credentials: { kind: "api-client", clientId: auth.clientId, clientSecret: secret }, ignoredBecause: null };
  }
  const user = env[JAMF_ENV.username]?.trim();
  const password = env[JAMF_ENV.password];
  if (!password) return { credentials: null, ignoredBecause: null };
  if (!user) return { credentials: null, ignoredBecause: `${JAMF_ENV.password} is set but ${JAMF_ENV.username} is not, so it was not used.` };
  if (user.toLowerCase() !== auth.username.toLowerCase()) {
    return {
      credentials: null,
      ignoredBecause: `${JAMF_ENV.username} is ${user}, not this instance's user ${auth.username}, so the environment was not used.`,
    };
  }
  return { credentials: { kind: "basic", username: auth.username, password }, ignoredBecause: null };
}

/**
 * Stores the Jamf client secret or password of a target in the Keychain, bound to `boundTo`'s
 * origin and identity. Always bound at store time: a secret left unbound would be bound to
 * whatever target first reads it. The secret is written before its binding: if the binding write
 * fails, the old binding refuses the new secret rather than letting it go anywhere new.
 */
export async function storeJamfSecret(secrets: SecretStore, targetId: string, secret: string, boundTo: Pick<Target, "jamfUrl" | "jamfAuth">): Promise<void> {
  if (!secret) throw new AppError({ code: "INVALID_INPUT", message: "The Jamf Pro secret is empty.", action: "Enter the API client secret or password." });
  await secrets.set(secretAccounts.jamf(targetId), secret);
  await writeJamfBinding(secrets, targetId, boundTo);
}

/**
 * Removes the Jamf secret and the static AWS admin keys of a removed target. The pending new key
 * is deliberately kept: it may be the only copy of a key Jamf Pro needs (PendingKeyVault.remove
 * is the rotation engine's call).
 */
export async function deleteTargetSecrets(secrets: SecretStore, targetId: string): Promise<void> {
  await secrets.delete(secretAccounts.jamf(targetId));
  await secrets.delete(secretAccounts.awsAdmin(targetId));
  await clearJamfBinding(secrets, targetId);
  await clearAwsBinding(secrets, targetId);
}

// ---------- AWS key pairs in the Keychain ----------

export const keyPairSchema = z
  .object({
    accessKeyId: z.string().regex(ACCESS_KEY_ID_PATTERN, "An access key id is 16–128 upper-case letters and digits"),
    secretAccessKey: z.string().min(16, "The secret access key is too short").max(256, "The secret access key is too long"),
    sessionToken: z.string().min(1).max(8192).optional(),
  })
  .strict();

export const storedKeySchema = keyPairSchema.omit({ sessionToken: true }).strict();
export type StoredKey = z.infer<typeof storedKeySchema>;

/** Parses a Keychain item holding a key pair; CONFIG_INVALID (without the content) when it is not one. */
function parseStoredKeyPair<T>(text: string, schema: z.ZodType<T>, what: string, action: string): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError({ code: "CONFIG_INVALID", message: `The ${what} in the Keychain is not valid JSON.`, action });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "item")))].join(", ");
    throw new AppError({ code: "CONFIG_INVALID", message: `The ${what} in the Keychain is not a valid key pair (check: ${fields}).`, action });
  }
  return parsed.data;
}

function invalidKeyInput(error: z.ZodError, what: string): AppError {
  const fields = [...new Set(error.issues.map((i) => `${String(i.path[0] ?? "key")}: ${i.message}`))].join("; ");
  return new AppError({ code: "INVALID_INPUT", message: `The ${what} is not valid (${fields}).`, action: "Check the access key id and secret access key and try again." });
}

/** Optional static AWS admin keys for a target (JSON {accessKeyId, secretAccessKey} in the Keychain). */
export async function resolveAwsAdminKeys(target: Target, secrets: SecretStore): Promise<KeyPair | undefined> {
  const text = await secrets.get(secretAccounts.awsAdmin(target.id));
  if (text === null) return undefined;
  await assertAwsKeysBound(secrets, target.id, target);
  const keys = parseStoredKeyPair(
    text,
    keyPairSchema,
    `AWS admin key for "${target.name}"`,
    `Store the admin key again in Settings → ${target.name}, or remove it to use the AWS profile or default credential chain.`,
  );
  return keys.sessionToken ? { ...keys } : { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
}

/** Stores static AWS admin keys, bound to `boundTo`'s endpoint (see storeJamfSecret). */
export async function storeAwsAdminKeys(secrets: SecretStore, targetId: string, keys: KeyPair, boundTo: Pick<Target, "awsEndpointUrl">): Promise<void> {
  const parsed = keyPairSchema.safeParse(keys);
  if (!parsed.success) throw invalidKeyInput(parsed.error, "AWS admin key");
  await secrets.set(secretAccounts.awsAdmin(targetId), JSON.stringify(parsed.data));
  await writeAwsBinding(secrets, targetId, boundTo);
}

/**
 * The new key of a rotation, from the moment AWS creates it until Jamf Pro has proven it works.
 * It is the only copy of that secret, so `put` reads it back to prove the Keychain kept it, and
 * refuses to overwrite a different pending key (that would lose the other key's only copy).
 */
export class PendingKeyVault {
  constructor(private readonly secrets: SecretStore) {}

  async put(targetId: string, key: StoredKey, options: { replace?: boolean } = {}): Promise<void> {
    const parsed = storedKeySchema.safeParse({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey });
    if (!parsed.success) throw invalidKeyInput(parsed.error, "new access key");
    const account = secretAccounts.pendingKey(targetId);
    if (!options.replace) {
      const existing = await this.get(targetId).catch(() => null);
      if (existing && existing.accessKeyId !== parsed.data.accessKeyId) {
        throw new AppError({
          code: "ROTATION_IN_PROGRESS",
          message: `The new key ${maskKeyId(existing.accessKeyId)} of an earlier rotation of this instance is still waiting in the Keychain.`,
          action: "Resume or abort that rotation first (cdp-key-rotator resume / abort, or the Resume banner in the app).",
        });
      }
    }
    await this.secrets.set(account, JSON.stringify(parsed.data));
    const readBack = await this.secrets.get(account);
    if (readBack === null || !sameKey(readBack, parsed.data)) {
      throw new AppError({
        code: "KEYCHAIN_UNAVAILABLE",
        message: `The Keychain did not keep the new key ${maskKeyId(parsed.data.accessKeyId)}.`,
        action: "Unlock the Keychain (or start the Secret Service) and try again. The rotation stops here so the new key's secret is not lost.",
      });
    }
  }

  async get(targetId: string): Promise<StoredKey | null> {
    const text = await this.secrets.get(secretAccounts.pendingKey(targetId));
    if (text === null) return null;
    return parseStoredKeyPair(
      text,
      storedKeySchema,
      "pending new access key",
      "Check the new key in the AWS console: if Jamf Pro does not use it, delete it there and abort the rotation.",
    );
  }

  /** True when an item was removed. */
  async remove(targetId: string): Promise<boolean> {
    return this.secrets.delete(secretAccounts.pendingKey(targetId));
  }
}

function sameKey(text: string, key: StoredKey): boolean {
  try {
    const stored = JSON.parse(text) as Partial<StoredKey>;
    return stored.accessKeyId === key.accessKeyId && stored.secretAccessKey === key.secretAccessKey;
  } catch {
    return false;
  }
}
