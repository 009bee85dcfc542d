// The admin identity's credential chain: the SDK's standard sources a Mac admin uses (environment
// keys, profiles with keys, assume-role, MFA, IAM Identity Center, credential_process, web identity)
// but never the EC2/ECS metadata services. A Mac is not an EC2 instance: with no credentials the
// SDK's default chain would wait on 169.254.169.254 before failing, and the app would look hung.
import { fromEnv, fromIni, fromProcess, fromSSO, fromTokenFile } from "@aws-sdk/credential-providers";

type IniInit = NonNullable<Parameters<typeof fromIni>[0]>;
type AwsCredentialIdentityProvider = () => ReturnType<ReturnType<typeof fromIni>>;
type AwsCredentialIdentity = Awaited<ReturnType<AwsCredentialIdentityProvider>>;

export interface CredentialChainInit {
  /** The profile to use; else AWS_PROFILE, else [default] (as the SDK does). */
  profile?: string;
  mfaCodeProvider: (serial: string) => Promise<string>;
  roleAssumer?: IniInit["roleAssumer"];
  /** The environment the SDK reads (process.env in the app and CLI). */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The host's HTTP transport for the SDK's own clients in the chain (IAM Identity Center's portal
   * and OIDC refresh, STS of an assume-role profile), so they go through the same proxy and roots as
   * IAM and STS. Only the handler: those clients keep their own region and endpoint.
   */
  requestHandler?: NonNullable<SsoInit["clientConfig"]>["requestHandler"];
}

type SsoInit = NonNullable<Parameters<typeof fromSSO>[0]>;

/** Refreshed this long before expiry, like the SDK's own chain: a call never starts with a dying session. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/** The SDK's "this source is not configured here, try the next" errors carry tryNextLink. */
function triesNext(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { tryNextLink?: unknown }).tryNextLink === true;
}

/**
 * A helper that ran and failed (credential_process): running the same command again from the next
 * source would only fail the same way and bury its message under "could not load credentials".
 */
function isHelperFailure(error: unknown): boolean {
  return error instanceof Error && /^Command failed: |credential_process (?:returned|did not return) /.test(error.message);
}

export function createCredentialChain(init: CredentialChainInit): AwsCredentialIdentityProvider {
  const profile = init.profile ?? (init.env["AWS_PROFILE"]?.trim() || undefined);
  const named = profile ? { profile } : {};
  const envSource = fromEnv();
  const clientConfig = init.requestHandler ? { clientConfig: { requestHandler: init.requestHandler } } : {};
  const sources: AwsCredentialIdentityProvider[] = [
    // Environment keys only when no profile is named (the SDK's rule: a named profile wins).
    ...(profile ? [] : [envSource]),
    // fromIni resolves sso_session / sso_start_url profiles itself, through fromSSO with this clientConfig.
    fromIni({ ...named, ...clientConfig, mfaCodeProvider: init.mfaCodeProvider, ...(init.roleAssumer ? { roleAssumer: init.roleAssumer } : {}) }),
    fromSSO({ ...named, ...clientConfig }),
    fromProcess(named),
    fromTokenFile(),
  ];

  const resolve = async (): Promise<AwsCredentialIdentity> => {
    let envError: unknown;
    let profileError: unknown;
    for (const source of sources) {
      try {
        return await source();
      } catch (error) {
        if (!triesNext(error) || isHelperFailure(error)) throw error;
        if (source === envSource) envError = error;
        else profileError ??= error;
      }
    }
    // The profile's own answer is the most specific one (e.g. the named profile does not exist).
    throw profileError ?? envError;
  };

  // One resolution shared by every client and concurrent call: an MFA code is asked for once.
  let cached: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (credentials: AwsCredentialIdentity) =>
    credentials.expiration === undefined || credentials.expiration.getTime() - Date.now() > REFRESH_BEFORE_EXPIRY_MS;
  return async () => {
    if (cached && fresh(cached)) return cached;
    pending ??= resolve().then(
      (credentials) => {
        cached = credentials;
        pending = undefined;
        return credentials;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
