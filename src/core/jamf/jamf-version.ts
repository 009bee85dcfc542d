// Jamf Pro version strings look like "11.14.0-t1734370000" (build timestamp suffix) or
// "11.2.1". The CDP endpoints rotation needs arrived in 11.14.0.

export interface JamfVersion {
  major: number;
  minor: number;
  patch: number;
  /** The version without the build suffix, e.g. "11.2.1". */
  display: string;
}

export const MIN_CDP_VERSION: JamfVersion = { major: 11, minor: 14, patch: 0, display: "11.14.0" };
/** hasConnectionSucceeded / message joined the CDP object around 11.16. */
export const CDP_CONNECTION_FIELDS_VERSION: JamfVersion = { major: 11, minor: 16, patch: 0, display: "11.16.0" };

/** Parses "11.14.0-t1734370000", "11.14.0", "11.14"; null when it is not a version at all. */
export function parseJamfVersion(text: string): JamfVersion | null {
  const match = /^\s*(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return null;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const patch = match[3] === undefined ? 0 : Number(match[3]);
  return { major, minor, patch, display: `${major}.${minor}.${patch}` };
}

export function compareJamfVersions(a: JamfVersion, b: JamfVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function isAtLeast(version: JamfVersion, minimum: JamfVersion): boolean {
  return compareJamfVersions(version, minimum) >= 0;
}
