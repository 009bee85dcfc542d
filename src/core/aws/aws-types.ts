// The AWS operations the rotation needs. Implemented by AwsIamClient over the real @aws-sdk
// clients; the engine depends on this interface only.
import type { KeyStatus } from "../../shared/domain";

export interface AccessKeyMetadata {
  userName: string;
  accessKeyId: string;
  status: KeyStatus;
  createDate: Date;
}

export interface AccessKeyLastUsed {
  accessKeyId: string;
  /** The IAM user that owns the key (GetAccessKeyLastUsed answers for any user's key). */
  userName: string;
  lastUsedDate: Date | null;
  /** "N/A" from AWS becomes null. */
  serviceName: string | null;
  region: string | null;
}

/** A freshly created key. The secret lives only in memory and the Keychain. */
export interface NewAccessKey {
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  createDate: Date;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsIamGateway {
  listAccessKeys(userName: string): Promise<AccessKeyMetadata[]>;
  getAccessKeyLastUsed(accessKeyId: string): Promise<AccessKeyLastUsed>;
  createAccessKey(userName: string): Promise<NewAccessKey>;
  updateAccessKeyStatus(userName: string, accessKeyId: string, status: KeyStatus): Promise<void>;
  deleteAccessKey(userName: string, accessKeyId: string): Promise<void>;
  /** The IAM console's access key descriptions: the user's tags keyed by access key id. */
  listKeyDescriptions(userName: string): Promise<Map<string, string>>;
  /** iam:TagUser with the key id as tag key (what the console's "Set description" does). */
  setKeyDescription(userName: string, accessKeyId: string, description: string): Promise<void>;
  /** iam:UntagUser of the key's description tag; a key without one is fine. */
  removeKeyDescription(userName: string, accessKeyId: string): Promise<void>;
  /** The admin identity the IAM calls run as. */
  getAdminIdentity(): Promise<CallerIdentity>;
  /** STS GetCallerIdentity signed with the given key pair (needs no IAM permission). */
  probeKey(keys: KeyPair): Promise<CallerIdentity>;
}

/** Where the admin's AWS identity comes from. */
export interface AwsConnectionOptions {
  /** Named profile from ~/.aws/config; undefined = the SDK's default credential chain. */
  profile?: string;
  region: string;
  /** Static admin keys (e.g. from the Keychain); take precedence over profile and chain. */
  staticCredentials?: KeyPair;
  /** Per-request timeout, ms. */
  timeoutMs?: number;
  /** Max attempts for throttling / transient errors (SDK standard retry). */
  maxAttempts?: number;
}
