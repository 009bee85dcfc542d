// The IAM Identity Center settings of a profile in ~/.aws/config: an sso-session profile
// (sso_session = NAME, with [sso-session NAME]) or a legacy one (sso_start_url in the profile).
import { readFile } from "node:fs/promises";
import { AppError } from "../../shared/errors";
import { awsProfileFiles } from "./aws-profiles";

export interface SsoProfile {
  profile: string;
  /** The sso-session name; null for a legacy profile. */
  sessionName: string | null;
  startUrl: string;
  region: string;
  scopes: string[];
}

/** Sections of an INI file, keys lower-case, as `[name] → key → value`. */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      const name = header[1]!.trim().replace(/\s+/g, " ");
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (pair && current) current.set(pair[1]!.trim().toLowerCase(), pair[2]!.trim());
  }
  return sections;
}

export async function readSsoProfile(env: Readonly<Record<string, string | undefined>>, profileName: string | undefined): Promise<SsoProfile> {
  const profile = profileName?.trim() || env["AWS_PROFILE"]?.trim() || "default";
  const { configFile } = awsProfileFiles(env);
  let text: string;
  try {
    text = await readFile(configFile, "utf8");
  } catch {
    throw notSso(profile, `${configFile} could not be read`);
  }
  const sections = parseIni(text);
  const section = sections.get(profile === "default" ? "default" : `profile ${profile}`) ?? (profile === "default" ? sections.get("profile default") : undefined);
  if (!section) throw notSso(profile, `there is no [profile ${profile}] in ${configFile}`);
  const sessionName = section.get("sso_session") ?? null;
  if (sessionName) {
    const session = sections.get(`sso-session ${sessionName}`);
    const startUrl = session?.get("sso_start_url");
    const region = session?.get("sso_region");
    if (!startUrl || !region) throw notSso(profile, `[sso-session ${sessionName}] needs sso_start_url and sso_region`);
    const scopes = (session?.get("sso_registration_scopes") ?? "").split(",").map((scope) => scope.trim()).filter(Boolean);
    return { profile, sessionName, startUrl, region, scopes };
  }
  const startUrl = section.get("sso_start_url");
  const region = section.get("sso_region");
  if (!startUrl || !region) throw notSso(profile, "it has neither sso_session nor sso_start_url and sso_region");
  return { profile, sessionName: null, startUrl, region, scopes: [] };
}

function notSso(profile: string, why: string): AppError {
  return new AppError({
    code: "CONFIG_INVALID",
    message: `AWS profile "${profile}" is not an IAM Identity Center profile: ${why}.`,
    action: `Set it up with \`aws configure sso --profile ${profile}\`, or pick the profile that signs in with IAM Identity Center.`,
  });
}
