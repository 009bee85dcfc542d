// The real gateways for a target: AwsIamClient (admin identity from the target's static keys in
// the Keychain, else its AWS profile or the default chain) and JamfClient (secret from the
// environment or the Keychain). One AWS gateway per AWS configuration (profile, region, endpoint,
// admin key), shared by the targets that have it. Every jamf() call is a new JamfClient on the
// session its server and identity share with other targets (jamf-session-pool.ts): the caller
// closes it when done, and the last one closed ends the session. `dispose` ends them all.
import type { Target } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import { AwsIamClient } from "../aws/aws-iam-client";
import type { AwsIamGateway } from "../aws/aws-types";
import { JamfClient } from "../jamf/jamf-client";
import { JamfSessionPool } from "../jamf/jamf-session-pool";
import type { JamfCredentials } from "../jamf/jamf-types";
import type { HttpFetch } from "../net/http-fetch";
import type { Clock, Logger, Prompter, SecretStore } from "../ports";
import type { JamfGatewayOptions, TargetGateways } from "../rotation/target-gateways";
import { awsEndpointHostProblem, isAllowedAwsEndpointHost } from "../store/aws-endpoint-allow";
import { resolveAwsAdminKeys, resolveJamfCredentials } from "../store/jamf-credentials";
import { secretFingerprinter } from "../store/secret-fingerprint";

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
  /** Jamf Pro sessions open now (one per server and identity in use). */
  openJamfSessions(): number;
}

export function createDefaultGateways(deps: DefaultGatewaysDeps): ManagedGateways {
  // Kept until dispose: an edited target's new configuration simply gets (or shares) another one.
  const awsShared = new Map<string, AwsIamGateway>();
  const sessions = new JamfSessionPool(deps.logger);
  const fingerprint = secretFingerprinter();

  const awsFor = async (target: Target): Promise<AwsIamGateway> => {
    // Checked again at use: a target saved before the rule, or before the profile stopped allowing its host.
    if (target.awsEndpointUrl) await assertAwsEndpointAllowed(target, target.awsEndpointUrl, (await deps.allowedAwsEndpointHosts?.()) ?? []);
    // Read (and its binding checked) on every call, like the Jamf Pro secret.
    const staticCredentials = await resolveAwsAdminKeys(target, deps.secretStore);
    const key = JSON.stringify([
      target.awsProfile ?? null,
      target.awsRegion ?? null,
      target.awsEndpointUrl ?? null,
      staticCredentials ? [staticCredentials.accessKeyId, fingerprint(`${staticCredentials.secretAccessKey}\n${staticCredentials.sessionToken ?? ""}`)] : null,
    ]);
    let gateway = awsShared.get(key);
    if (!gateway) {
      gateway = buildAws(target, staticCredentials);
      awsShared.set(key, gateway);
    }
    return gateway;
  };

  const buildAws = (target: Target, staticCredentials: Awaited<ReturnType<typeof resolveAwsAdminKeys>>): AwsIamGateway => {
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

  const buildJamf = (target: Target, credentials: JamfCredentials): JamfClient =>
    new JamfClient(
      { baseUrl: target.jamfUrl, credentials, ...(deps.jamfTimeoutMs ? { timeoutMs: deps.jamfTimeoutMs } : {}) },
      { clock: deps.clock, logger: deps.logger, sessions: sessions.source, ...(deps.fetch ? { fetch: deps.fetch } : {}) },
    );

  return {
    aws: awsFor,
    async jamf(target, options?: JamfGatewayOptions) {
      // The secret is resolved (and its binding to this origin and identity checked) on every call,
      // so a session is only ever shared by targets that would send the very same credentials.
      const credentials = options?.secret !== undefined ? withSecret(target, options.secret) : await resolveJamfCredentials(target, deps.secretStore, deps.env);
      return buildJamf(target, credentials);
    },
    invalidate() {
      // An edited target's new configuration or secret is another AWS gateway and another Jamf Pro
      // session already; the old session ends when its last user closes it.
      return Promise.resolve();
    },
    async dispose() {
      awsShared.clear();
      await sessions.closeAll();
    },
    openJamfSessions: () => sessions.size,
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

