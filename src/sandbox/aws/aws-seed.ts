// The usual sandbox account: an admin IAM user allowed everything, and the CDP user whose key
// Jamf Pro holds (allowed S3 only, as in a least-privilege setup).
import type { AwsPeerControl, IssuedKey } from "../sandbox-types";

export interface SeededAwsAccount {
  admin: IssuedKey;
  cdpUser: string;
  cdpKey: IssuedKey;
}

export function seedCdpAccount(
  control: AwsPeerControl,
  options: { adminUser?: string; cdpUser?: string; cdpKeyCreatedAt?: Date } = {},
): SeededAwsAccount {
  const adminUser = options.adminUser ?? "cdp-admin";
  const cdpUser = options.cdpUser ?? "jamf-cdp";
  control.createUser(adminUser);
  control.allow(adminUser, ["*"]);
  control.createUser(cdpUser);
  control.allow(cdpUser, ["s3:*"]);
  const admin = control.issueKey(adminUser);
  const cdpKey = control.issueKey(cdpUser, options.cdpKeyCreatedAt ? { createdAt: options.cdpKeyCreatedAt } : {});
  return { admin, cdpUser, cdpKey };
}
