// The real gateways for a target: AwsIamClient (admin identity from the target's static keys in
// the Keychain, else its AWS profile or the default chain) and JamfClient (secret from the
// environment or the Keychain). Gateways are kept per target configuration, so the Jamf Pro token
// is reused across refreshes; `invalidate` after a target changes, `dispose` when done.
import { createHash } from "node:crypto";
import type { Target } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import { AwsIamClient } from "../aws/aws-iam-client";
import type { AwsIamGateway } from "../aws/aws-types";
import { JamfClient } from "../jamf/jamf-client";
import type { JamfCdpGateway, JamfCredentials } from "../jamf/jamf-types";
import type { HttpFetch } from "../net/http-fetch";
import type { Clock, Logger, Prompter, SecretStore } from "../ports";
import type { JamfGatewayOptions, TargetGateways } from "../rotation/target-gateways";
import { awsEndpointHostProblem, isAllowedAwsEndpointHost } from "../store/aws-endpoint-allow";
import { resolveAwsAdminKeys, resolveJamfCredentials } from "../store/jamf-credentials";

export interface DefaultGatewaysDeps {
  secretStore: SecretStore;
  env: Record<string, string | undefined>;
  clock: Clock;
  logger: Logger;
  prompter?: Prompter;
  /** The host's HTTP transport for Jamf Pro and AWS (default: the global fetch). */
  fetch?: HttpFetch;
  /** Per-request timeouts, ms (defaults: the clients' own). */
  awsTimeoutMs?: number;
  jamfTimeoutMs?: number;
  /** Hosts the organization allows as AWS endpoints besides AWS's and loopback (default none). */
  allowedAwsEndpointHosts?: () => Promise<readonly string[]>;
}

export interface ManagedGateways extends TargetGateways {
  /** Forget the cached gateways of a target (after it was edited or removed). */
  invalidate(targetId: string): Promise<void>;
  /** Closes every Jamf Pro session. */
  dispose(): Promise<void>;
}

export function createDefaultGateways(deps: DefaultGatewaysDeps): ManagedGateways {
  const awsCache = new Map<string, { key: string; gateway: Promise<AwsIamGateway> }>();
  const jamfCache = new Map<string, { key: string; gateway: Promise<JamfCdpGateway> }>();

  const buildAws = async (target: Target): Promise<AwsIamGateway> => {
    // Checked again at use: a target saved before the rule, or before the profile stopped allowing its host.
    if (target.awsEndpointUrl) await assertAwsEndpointAllowed(target, target.awsEndpointUrl, (await deps.allowedAwsEndpointHosts?.()) ?? []);
    const staticCredentials = await resolveAwsAdminKeys(target, deps.secretStore);
    return new AwsIamClient(
      {
        region: target.awsRegion ?? "us-east-1",
        ...(target.awsProfile ? { profile: target.awsProfile } : {}),
        ...(deps.env.AWS_PROFILE ? { environmentProfile: deps.env.AWS_PROFILE } : {}),
        ...(staticCredentials ? { staticCredentials } : {}),
        ...(target.awsEndpointUrl ? { endpointUrl: target.awsEndpointUrl } : {}),
        ...(deps.awsTimeoutMs ? { timeoutMs: deps.awsTimeoutMs } : {}),
      },
      { prompter: deps.prompter, logger: deps.logger, ...(deps.fetch ? { fetch: deps.fetch } : {}) },
    );
  };

  const buildJamf = (target: Target, credentials: JamfCredentials): JamfCdpGateway =>
    new JamfClient(
      { baseUrl: target.jamfUrl, credentials, ...(deps.jamfTimeoutMs ? { timeoutMs: deps.jamfTimeoutMs } : {}) },
      { clock: deps.clock, logger: deps.logger, ...(deps.fetch ? { fetch: deps.fetch } : {}) },
    );

  return {
    aws(target) {
      const key = awsConfigKey(target);
      const cached = awsCache.get(target.id);
      if (cached?.key === key) return cached.gateway;
      const gateway = buildAws(target);
      awsCache.set(target.id, { key, gateway });
      gateway.catch(() => awsCache.get(target.id)?.gateway === gateway && awsCache.delete(target.id));
      return gateway;
    },
    async jamf(target, options?: JamfGatewayOptions) {
      if (options?.secret !== undefined) return buildJamf(target, withSecret(target, options.secret));
      const credentials = await resolveJamfCredentials(target, deps.secretStore, deps.env);
      const key = `${jamfConfigKey(target)}|${credentialFingerprint(credentials)}`;
      const cached = jamfCache.get(target.id);
      if (cached?.key === key) return cached.gateway;
      if (cached) void cached.gateway.then((old) => old.close()).catch(() => undefined);
      const gateway = Promise.resolve(buildJamf(target, credentials));
      jamfCache.set(target.id, { key, gateway });
      return gateway;
    },
    async invalidate(targetId) {
      awsCache.delete(targetId);
      const cached = jamfCache.get(targetId);
      jamfCache.delete(targetId);
      if (cached) await cached.gateway.then((old) => old.close()).catch(() => undefined);
    },
    async dispose() {
      const all = [...jamfCache.values()];
      jamfCache.clear();
      awsCache.clear();
      await Promise.all(all.map((entry) => entry.gateway.then((gateway) => gateway.close()).catch(() => undefined)));
    },
  };
}

async function assertAwsEndpointAllowed(target: Target, endpointUrl: string, extra: readonly string[]): Promise<void> {
  const host = new URL(endpointUrl).hostname;
  if (isAllowedAwsEndpointHost(host, extra)) return;
  throw new AppError({
    code: "CONFIG_INVALID",
    message: `The AWS endpoint of "${target.name}": ${awsEndpointHostProblem(host, extra)}. No request was sent there.`,
    action: "Open Settings (or run cdp-key-rotator targets add again) and correct or clear the AWS endpoint URL.",
  });
}

function withSecret(target: Target, secret: string): JamfCredentials {
  return target.jamfAuth.kind === "api-client"
    ? { kind: "api-client", clientId: target.jamfAuth.clientId, clientSecret: secret }
    : { kind: "basic", username: target.jamfAuth.username, password: secret };
}

function awsConfigKey(target: Target): string {
  return JSON.stringify([target.awsProfile ?? null, target.awsRegion ?? null, target.awsEndpointUrl ?? null, target.updatedAt]);
}

function jamfConfigKey(target: Target): string {
  return JSON.stringify([target.jamfUrl, target.jamfAuth]);
}

/** Tells two credentials apart without keeping the secret in a map key. */
function credentialFingerprint(credentials: JamfCredentials): string {
  const secret = credentials.kind === "api-client" ? credentials.clientSecret : credentials.password;
  return `${credentials.kind}:${createHash("sha256").update(secret).digest("hex").slice(0, 16)}`;
}
