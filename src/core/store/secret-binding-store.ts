// The binding of each stored secret to where it may go, kept in the Keychain beside the secret
// (its own item, so the secret item stays the plain value the CLI and older builds read).
// - Jamf secret: exact origin + auth kind + client id / user name (src/shared/secret-binding.ts).
// - Static AWS admin keys (the sandbox's): the endpoint origin, or AWS's own endpoints when none.
// A secret is used only when the target it is about to be used for matches its binding.
//
// Items stored before bindings existed have none. They are bound on first use to the target they
// are read for. That is safe because every path that reads a secret for a target the renderer
// edited (cdp:targets:test with a target, cdp:targets:save) first calls adoptLegacyBindings with
// the target as saved on disk, so an unbound secret is bound to the address the admin saved it
// with, never to one sent in the same request. Refusing unbound secrets instead would make every
// existing install re-enter every secret after the update for no gain in safety.
import { z } from "zod";
import type { Target } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import { bindingChange, jamfSecretBinding, originOf, reenterSecretMessage } from "../../shared/secret-binding";
import type { SecretStore } from "../ports";
import { secretAccounts } from "./store-types";

type JamfBound = Pick<Target, "jamfUrl" | "jamfAuth">;
type AwsBound = Pick<Target, "awsEndpointUrl">;

const jamfBindingSchema = z
  .object({ origin: z.string().min(1), authKind: z.enum(["api-client", "basic"]), identity: z.string() })
  .strict();
const awsBindingSchema = z.object({ endpoint: z.string().min(1) }).strict();

/** AWS's own endpoints (no override): the SDK picks the regional AWS host. */
const AWS_DEFAULT_ENDPOINT = "aws";

export function awsEndpointBinding(target: AwsBound): string {
  if (!target.awsEndpointUrl) return AWS_DEFAULT_ENDPOINT;
  return originOf(target.awsEndpointUrl) ?? `invalid:${target.awsEndpointUrl}`;
}

async function readJson<T>(secrets: SecretStore, account: string, schema: z.ZodType<T>): Promise<T | "invalid" | null> {
  const text = await secrets.get(account);
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : "invalid";
  } catch {
    return "invalid";
  }
}

export async function writeJamfBinding(secrets: SecretStore, targetId: string, target: JamfBound): Promise<void> {
  await secrets.set(secretAccounts.jamfBinding(targetId), JSON.stringify(jamfSecretBinding(target)));
}

export async function writeAwsBinding(secrets: SecretStore, targetId: string, target: AwsBound): Promise<void> {
  await secrets.set(secretAccounts.awsAdminBinding(targetId), JSON.stringify({ endpoint: awsEndpointBinding(target) }));
}

/** Forget a binding (its secret is being deleted with it). */
export async function clearJamfBinding(secrets: SecretStore, targetId: string): Promise<void> {
  await secrets.delete(secretAccounts.jamfBinding(targetId));
}

export async function clearAwsBinding(secrets: SecretStore, targetId: string): Promise<void> {
  await secrets.delete(secretAccounts.awsAdminBinding(targetId));
}

function rebindRefusal(target: JamfBound & { name: string }, storedOrigin: string | null, message: string): AppError {
  return new AppError({
    code: "SECRET_MISSING",
    message,
    action:
      storedOrigin !== null
        ? `The stored ${target.jamfAuth.kind === "api-client" ? "client secret" : "password"} of "${target.name}" is only sent to ${storedOrigin} with the identity it was stored for. Type it in the form (or run cdp-key-rotator targets add again) to use it with the changed settings.`
        : `Type it in the form (or run cdp-key-rotator targets add again) so it is stored for this address.`,
  });
}

/**
 * Throws SECRET_MISSING ("Enter the client secret again for the new address.") unless the stored
 * Jamf secret of `targetId` may be sent to `target`. An unbound (pre-binding) secret is bound to
 * `target` here; see the file comment for why that is safe.
 */
export async function assertJamfSecretBound(secrets: SecretStore, targetId: string, target: JamfBound & { name: string }): Promise<void> {
  const stored = await readJson(secrets, secretAccounts.jamfBinding(targetId), jamfBindingSchema);
  if (stored === null) {
    await writeJamfBinding(secrets, targetId, target);
    return;
  }
  if (stored === "invalid") throw rebindRefusal(target, null, reenterSecretMessage(target.jamfAuth.kind, "address"));
  const change = bindingChange(stored, jamfSecretBinding(target));
  if (change) throw rebindRefusal(target, stored.origin, reenterSecretMessage(target.jamfAuth.kind, change));
}

/** Throws SECRET_MISSING unless the stored AWS admin keys of `targetId` may be used with `target`'s endpoint. */
export async function assertAwsKeysBound(secrets: SecretStore, targetId: string, target: AwsBound & { name: string }): Promise<void> {
  const stored = await readJson(secrets, secretAccounts.awsAdminBinding(targetId), awsBindingSchema);
  if (stored === null) {
    await writeAwsBinding(secrets, targetId, target);
    return;
  }
  const wanted = awsEndpointBinding(target);
  if (stored !== "invalid" && stored.endpoint === wanted) return;
  const where = stored === "invalid" ? "the endpoint it was stored for" : stored.endpoint === AWS_DEFAULT_ENDPOINT ? "AWS's own endpoints" : stored.endpoint;
  throw new AppError({
    code: "SECRET_MISSING",
    message: `The AWS admin key stored for "${target.name}" is only used with ${where}, not with ${wanted === AWS_DEFAULT_ENDPOINT ? "AWS's own endpoints" : wanted}.`,
    action: "Store the AWS admin key again for the new endpoint (for a sandbox instance: add the sandbox again), or set the endpoint back.",
  });
}

/** Binds still-unbound secrets of a saved target to it, as saved (call before comparing an edited copy). */
export async function adoptLegacyBindings(secrets: SecretStore, saved: Target): Promise<void> {
  if ((await secrets.get(secretAccounts.jamf(saved.id))) !== null && (await secrets.get(secretAccounts.jamfBinding(saved.id))) === null) {
    await writeJamfBinding(secrets, saved.id, saved);
  }
  if ((await secrets.get(secretAccounts.awsAdmin(saved.id))) !== null && (await secrets.get(secretAccounts.awsAdminBinding(saved.id))) === null) {
    await writeAwsBinding(secrets, saved.id, saved);
  }
}

/**
 * Before `saved` is changed to (or tested as) `next`: refuses when a stored secret would follow the
 * change to another origin or identity. A newly typed Jamf secret replaces the stored one, so only
 * the AWS keys are checked then.
 */
export async function assertSecretsMayFollow(
  secrets: SecretStore,
  saved: Target,
  next: JamfBound & AwsBound & { name: string },
  options: { jamfSecretTyped: boolean },
): Promise<void> {
  await adoptLegacyBindings(secrets, saved);
  if (!options.jamfSecretTyped && (await secrets.get(secretAccounts.jamf(saved.id))) !== null) await assertJamfSecretBound(secrets, saved.id, next);
  if ((await secrets.get(secretAccounts.awsAdmin(saved.id))) !== null) await assertAwsKeysBound(secrets, saved.id, next);
}
