// The Jamf Pro operations the rotation needs. Implemented by JamfClient over fetch; the engine
// depends on this interface only. POST and DELETE of the CDP are deliberately absent.
import type { JamfPrivilegeReading } from "./jamf-privileges";

export type JamfCredentials =
  | { kind: "api-client"; clientId: string; clientSecret: string }
  | { kind: "basic"; username: string; password: string };

export type CdnType = "NONE" | "JAMF_CLOUD" | "RACKSPACE_CLOUD_FILES" | "AMAZON_S3" | "AKAMAI";

/** The CDP as GET returns it (password is never returned; privateKey is dropped on read). */
export interface CloudDistributionPoint {
  cdnType: CdnType;
  master: boolean;
  /** AMAZON_S3: the AWS access key id Jamf Pro uses. */
  username: string | null;
  cdnUrl: string | null;
  inventoryId: string | null;
  requireSignedUrls: boolean | null;
  hasConnectionSucceeded: boolean | null;
  message: string | null;
}

export interface ConnectionTestResult {
  hasConnectionSucceeded: boolean;
  message: string;
}

export interface HistoryEntry {
  id: number;
  username: string;
  date: string;
  note: string;
  details: string | null;
}

export interface JamfCdpGateway {
  /** The same object for gateways on one shared session (one server, one identity): reads of one answer for the other. */
  readonly session?: object;
  /** e.g. "11.14.0-t1734370000" */
  getVersion(): Promise<string>;
  /** Throws JAMF_VERSION_UNSUPPORTED below 11.14.0; returns the version. */
  assertSupportedVersion(): Promise<string>;
  /** Which of Read/Update Cloud Distribution Point Jamf Pro reports for this token, or that it reports none. */
  getPrivileges(): Promise<JamfPrivilegeReading>;
  getCloudDistributionPoint(): Promise<CloudDistributionPoint>;
  /** Minimal PATCH: cdnType AMAZON_S3, master (current value), username, password. Any 2xx is success. */
  updateCredentials(input: { master: boolean; accessKeyId: string; secretAccessKey: string }): Promise<CloudDistributionPoint>;
  testConnection(): Promise<ConnectionTestResult>;
  addHistoryNote(note: string): Promise<void>;
  listHistory(): Promise<HistoryEntry[]>;
  /** Done with Jamf Pro: the token is invalidated once no other user of the same session remains. */
  close(): Promise<void>;
}

export interface JamfClientOptions {
  baseUrl: string;
  credentials: JamfCredentials;
  /** Per-request timeout, ms (default 30 s). */
  timeoutMs?: number;
  /** Max concurrent requests to this server (default and ceiling 5). */
  maxConcurrent?: number;
}
