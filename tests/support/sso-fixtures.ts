// The IAM Identity Center set-up the SSO tests share: a sandbox role the signed-in user may use,
// and ~/.aws/config profiles for it (an sso-session one, with a refresh token, and a legacy one).
import type { AwsPeer } from "../../src/sandbox/aws/aws-peer-types";

export const SSO_START_URL = "https://example.awsapps.com/start";
export const SSO_ROLE = "KeyRotation";

/** The role the device-flow user gets credentials for (all of IAM, as an admin would). */
export function assignSsoRole(peer: AwsPeer): void {
  peer.control.createRole({ roleName: SSO_ROLE, trustedUsers: [], actions: ["iam:*"] });
  peer.sso.assign(SSO_ROLE);
}

/** `[profile sso-admin]` with `[sso-session corp]`, and `[profile legacy]` on `${SSO_START_URL}/legacy`. */
export function ssoConfigText(): string {
  return [
    "[profile sso-admin]",
    "sso_session = corp",
    "sso_account_id = 123456789012",
    `sso_role_name = ${SSO_ROLE}`,
    "region = us-east-1",
    "",
    "[sso-session corp]",
    `sso_start_url = ${SSO_START_URL}`,
    "sso_region = us-east-1",
    "sso_registration_scopes = sso:account:access",
    "",
    "[profile legacy]",
    `sso_start_url = ${SSO_START_URL}/legacy`,
    "sso_region = us-east-1",
    "sso_account_id = 123456789012",
    `sso_role_name = ${SSO_ROLE}`,
    "region = us-east-1",
    "",
  ].join("\n");
}
