// What the AWS peer offers beyond the shared AwsPeerControl contract: roles (for assume-role and
// MFA profiles), MFA devices and buckets. AwsPeer is an AwsPeerHandle, so callers that only know the
// contract keep working.
import type { AwsPeerControl, AwsPeerHandle } from "../sandbox-types";
import type { SsoPeerControl } from "./sso-peer";

/** The one MFA code the sandbox accepts for every device (no TOTP clock to keep in step). */
export const SANDBOX_MFA_CODE = "123456";

export interface SandboxRoleInput {
  roleName: string;
  /** IAM user names allowed to assume the role ("*" for any user of the account). */
  trustedUsers: string[];
  /** AssumeRole must carry SerialNumber + TokenCode of the caller's MFA device. */
  requireMfa?: boolean;
  /** Actions the role's sessions may perform, with the same patterns as allow(). */
  actions: string[];
  /** Longest session, seconds (AWS default 3600). */
  maxSessionDurationSeconds?: number;
}

export interface SandboxObjectView {
  key: string;
  size: number;
  lastModified: string;
}

export interface AwsPeerSandboxControl extends AwsPeerControl {
  createRole(role: SandboxRoleInput): { roleArn: string };
  /** ARN of the (virtual) MFA device every sandbox user has; its code is SANDBOX_MFA_CODE. */
  mfaSerial(userName: string): string;
  createBucket(bucket: string): void;
  listObjects(bucket: string): SandboxObjectView[];
}

export interface AwsPeer extends AwsPeerHandle {
  readonly control: AwsPeerSandboxControl;
  /** IAM Identity Center: approve device codes, assign roles. */
  readonly sso: SsoPeerControl;
}

export interface AwsPeerOptions {
  host?: string;
  port?: number;
  accountId?: string;
}
