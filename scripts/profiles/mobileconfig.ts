// The configuration profiles a Mac admin uploads to Jamf Pro, built from the one managed-settings
// schema (MANAGED_PREFERENCE_KEYS in src/core/store/managed-preferences.ts): our managed settings,
// Notifications for our bundle id (alerts, so the "Rotate now" button shows), and Managed Login
// Items (so "Launch at Login" is allowed without the user's approval and cannot be turned off).
// Every UUID is derived from a name (RFC 4122 version 5), so regenerating gives the same files and
// Jamf Pro sees an updated profile, not a new one.
import { createHash } from "node:crypto";
import { z } from "zod";
import { DEFAULT_APP_SETTINGS, type AppSettings } from "../../src/shared/domain";
import { MANAGED_PREFERENCE_KEYS, MANAGED_PREFERENCES_DOMAIN, type ManagedPreferenceKey } from "../../src/core/store/managed-preferences";
import { toPlistXml, type PlistValue } from "./plist-xml";

export const BUNDLE_ID = MANAGED_PREFERENCES_DOMAIN;
const APP_NAME = "CDP Key Rotator";
/** RFC 4122 DNS namespace: the names below are under our bundle id, a reverse-DNS name. */
const DNS_NAMESPACE = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";

/** What each key means, for the admin reading the profile in Jamf Pro (the rule comes from the schema). */
export const MANAGED_PREFERENCE_DESCRIPTIONS: Record<ManagedPreferenceKey, { title: string; description: string }> = {
  MaxAgeDays: { title: "Maximum key age (days)", description: "Age at which an access key is overdue and must be rotated." },
  WarningDays: { title: "Warning window (days)", description: "Days before the maximum age when reminders start. Must be less than the maximum key age." },
  GraceDays: { title: "Grace period (days)", description: "Days the old key stays inactive after a rotation before it is deleted." },
  RemindersEnabled: { title: "Reminders", description: "Notify the user when a key is due soon or overdue." },
  LaunchAtLogin: { title: "Launch at login", description: "Open CDP Key Rotator at login, so reminders arrive. Pair with the Managed Login Items profile." },
  AllowedAwsEndpointHosts: {
    title: "Extra AWS endpoint hosts",
    description: "Hosts (or *.domain patterns) an instance's AWS endpoint override may use besides *.amazonaws.com, *.amazonaws.com.cn, *.api.aws and loopback. Empty: only those.",
  },
};

/**
 * The values the ready-to-upload profile sets: the app's defaults, plus launch at login (an
 * organization deploying the app wants its reminders). Remove a key from the profile to let
 * users choose that setting.
 */
export const ORGANIZATION_SETTINGS: AppSettings = { ...DEFAULT_APP_SETTINGS, launchAtLogin: true };

export interface ProfileFile {
  /** File name inside docs/profiles/. */
  name: string;
  text: string;
}

export interface ProfileOptions {
  /** Apple Developer Team ID that signs the app (10 characters): binds the login item rule to it. */
  teamId?: string;
}

const TEAM_ID = /^[A-Z0-9]{10}$/;

/** Every file of docs/profiles/, in a fixed order. Throws when the team id is malformed. */
export function profileFiles(options: ProfileOptions = {}): ProfileFile[] {
  if (options.teamId !== undefined && !TEAM_ID.test(options.teamId)) {
    throw new Error(`"${options.teamId}" is not a Team ID: it is 10 capital letters and digits, as shown in the Apple Developer account under Membership.`);
  }
  return [
    { name: "cdp-key-rotator-settings.mobileconfig", text: toPlistXml(managedSettingsProfile()) },
    { name: "cdp-key-rotator-notifications.mobileconfig", text: toPlistXml(notificationsProfile()) },
    { name: "cdp-key-rotator-login-items.mobileconfig", text: toPlistXml(loginItemsProfile(options.teamId)) },
    { name: "cdp-key-rotator-settings.schema.json", text: `${JSON.stringify(jamfCustomSchema(), null, 2)}\n` },
  ];
}

/** The value a key sets in the ready-to-upload profile. */
export function organizationValue(key: ManagedPreferenceKey): number | boolean | string[] {
  const setting = MANAGED_PREFERENCE_KEYS[key].setting;
  // A profile-only key (no app setting): the extra AWS endpoint hosts. None: only AWS's own hosts.
  if (setting === null) return [];
  const path = setting.split(".");
  let value: unknown = ORGANIZATION_SETTINGS;
  for (const part of path) value = (value as Record<string, unknown>)[part];
  if (typeof value !== "number" && typeof value !== "boolean") throw new Error(`No value for ${key}`);
  return value;
}

function keyNames(): ManagedPreferenceKey[] {
  return Object.keys(MANAGED_PREFERENCE_KEYS) as ManagedPreferenceKey[];
}

export function managedSettingsProfile(): PlistValue {
  const settings: Record<string, PlistValue> = {};
  for (const key of keyNames()) settings[key] = organizationValue(key);
  return profile("settings", {
    displayName: `${APP_NAME} settings`,
    description: `Sets ${APP_NAME}'s rotation policy, reminders and launch at login; users cannot change what this profile sets.`,
    payload: { type: BUNDLE_ID, displayName: `${APP_NAME} managed settings`, content: settings },
  });
}

export function notificationsProfile(): PlistValue {
  return profile("notifications", {
    displayName: `${APP_NAME} notifications`,
    description: `Allows ${APP_NAME}'s reminders as alerts, which stay until the user acts and show the "Rotate now" button.`,
    payload: {
      type: "com.apple.notificationsettings",
      displayName: "Notifications",
      content: {
        NotificationSettings: [
          {
            BundleIdentifier: BUNDLE_ID,
            NotificationsEnabled: true,
            // 0 none, 1 temporary banner, 2 persistent banner (alert): only alerts show action buttons.
            AlertType: 2,
            ShowInNotificationCenter: true,
            ShowInLockScreen: true,
            // 1: previews only when the Mac is unlocked; reminders name Jamf Pro instances.
            PreviewType: 1,
            SoundsEnabled: true,
            BadgesEnabled: false,
            CriticalAlertEnabled: false,
          },
        ],
      },
    },
  });
}

export function loginItemsProfile(teamId?: string): PlistValue {
  const rule: Record<string, PlistValue> = { RuleType: "BundleIdentifier", RuleValue: BUNDLE_ID, Comment: APP_NAME };
  // With the Team ID, only the app signed by that team matches; without it, any app with our bundle id.
  if (teamId) rule.TeamIdentifier = teamId;
  return profile("login-items", {
    displayName: `${APP_NAME} login item`,
    description: `Allows ${APP_NAME} to open at login without asking the user, and keeps it from being turned off in System Settings.`,
    payload: { type: "com.apple.servicemanagement", displayName: "Managed Login Items", content: { Rules: [rule] } },
  });
}

/** The same settings as a Jamf Pro "Application & Custom Settings" custom schema (External Applications). */
export function jamfCustomSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  keyNames().forEach((key, index) => {
    const { $schema: _ignored, ...rule } = z.toJSONSchema(MANAGED_PREFERENCE_KEYS[key].schema) as Record<string, unknown>;
    properties[key] = { ...MANAGED_PREFERENCE_DESCRIPTIONS[key], ...rule, default: organizationValue(key), property_order: (index + 1) * 10 };
  });
  return {
    title: `${APP_NAME} (${BUNDLE_ID})`,
    description: `Managed settings for ${APP_NAME}. A key left out stays the user's choice.`,
    properties,
  };
}

interface ProfileSpec {
  displayName: string;
  description: string;
  payload: { type: string; displayName: string; content: Record<string, PlistValue> };
}

function profile(slug: string, spec: ProfileSpec): PlistValue {
  const identifier = `${BUNDLE_ID}.profile.${slug}`;
  const payloadIdentifier = `${identifier}.${spec.payload.type}`;
  return {
    PayloadContent: [
      {
        PayloadDisplayName: spec.payload.displayName,
        PayloadIdentifier: payloadIdentifier,
        PayloadType: spec.payload.type,
        PayloadUUID: nameUuid(payloadIdentifier),
        PayloadVersion: 1,
        ...spec.payload.content,
      },
    ],
    PayloadDescription: spec.description,
    PayloadDisplayName: spec.displayName,
    PayloadIdentifier: identifier,
    PayloadOrganization: APP_NAME,
    PayloadRemovalDisallowed: true,
    PayloadScope: "System",
    PayloadType: "Configuration",
    PayloadUUID: nameUuid(identifier),
    PayloadVersion: 1,
  };
}

/** RFC 4122 version 5 UUID (SHA-1 of namespace and name), upper case as Apple writes them. */
export function nameUuid(name: string, namespace = DNS_NAMESPACE): string {
  const hash = createHash("sha1").update(Buffer.from(namespace.replace(/-/g, ""), "hex")).update(name, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex").toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
