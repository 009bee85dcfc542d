// Profile names from the AWS shared config and credentials files, for the Settings picker. Reads
// the files the SDK reads (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/…).
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export interface AwsProfileFiles {
  configFile: string;
  credentialsFile: string;
}

/** The home folder the SDK and the AWS CLI resolve `~/.aws` against. */
export function homeOf(env: Readonly<Record<string, string | undefined>>): string {
  return env["HOME"] || env["USERPROFILE"] || homedir();
}

export function awsProfileFiles(env: Record<string, string | undefined>): AwsProfileFiles {
  const home = homeOf(env);
  const expand = (path: string) => (path.startsWith("~/") ? join(home, path.slice(2)) : path);
  return {
    configFile: expand(env["AWS_CONFIG_FILE"] || join(home, ".aws", "config")),
    credentialsFile: expand(env["AWS_SHARED_CREDENTIALS_FILE"] || join(home, ".aws", "credentials")),
  };
}

/** Section names of an INI file: `[profile NAME]` / `[default]` in config, `[NAME]` in credentials. */
export function profileSections(text: string, kind: "config" | "credentials"): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*\[([^\]]+)\]\s*(?:[#;].*)?$/.exec(line);
    if (!match) continue;
    const section = match[1]!.trim();
    if (kind === "credentials") {
      names.push(section);
      continue;
    }
    if (section === "default") names.push("default");
    else if (/^profile\s+/.test(section)) names.push(section.replace(/^profile\s+/, "").trim());
    // [sso-session X] and [services X] are not profiles.
  }
  return names.filter((name) => name.length > 0);
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EISDIR") return null;
    throw error;
  }
}

/** Sorted, de-duplicated profile names; missing files simply contribute none. */
export async function listAwsProfiles(env: Record<string, string | undefined>): Promise<string[]> {
  const files = awsProfileFiles(env);
  const [config, credentials] = await Promise.all([readIfPresent(files.configFile), readIfPresent(files.credentialsFile)]);
  const names = new Set<string>([
    ...(config ? profileSections(config, "config") : []),
    ...(credentials ? profileSections(credentials, "credentials") : []),
  ]);
  return [...names].sort((a, b) => (a === "default" ? -1 : b === "default" ? 1 : a.localeCompare(b)));
}
