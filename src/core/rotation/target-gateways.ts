// How the engine and the status service reach AWS and Jamf Pro for one target. The app and the
// CLI pass a factory that builds the real clients (see core/app/default-gateways.ts); tests pass
// the same factory pointed at the sandbox.
import type { Target } from "../../shared/domain";
import type { AwsIamGateway } from "../aws/aws-types";
import type { JamfCdpGateway } from "../jamf/jamf-types";

export interface JamfGatewayOptions {
  /** Use this Jamf Pro secret (client secret or password) instead of the stored one (unsaved Settings input). */
  secret?: string;
}

export interface TargetGateways {
  /** IAM + STS as the admin identity of the target. */
  aws(target: Target): Promise<AwsIamGateway>;
  /** The target's Jamf Pro server. */
  jamf(target: Target, options?: JamfGatewayOptions): Promise<JamfCdpGateway>;
}
