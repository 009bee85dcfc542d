// Release guard: a release build (CDP_RELEASE=1 or `--release`) must be signed with Developer ID
// identities and notarized; a development build may be neither. Before packaging it checks the
// environment; after packaging it checks every artifact with Apple's own tools.
import { spawnSync } from "node:child_process";

/** Why a release build cannot be signed and notarized with this environment; empty when it can. */
export function releaseEnvironmentBlockers(env) {
  const blockers = [];
  const has = (name) => typeof env[name] === "string" && env[name].trim() !== "";
  if (env.CSC_IDENTITY_AUTO_DISCOVERY === "false") blockers.push("CSC_IDENTITY_AUTO_DISCOVERY=false turns signing off.");
  if (!has("CSC_LINK") && !has("CSC_NAME")) {
    blockers.push('No "Developer ID Application" identity: set CSC_LINK (+ CSC_KEY_PASSWORD) or CSC_NAME.');
  }
  if (!has("CSC_INSTALLER_LINK") && !has("CSC_NAME")) {
    blockers.push('No "Developer ID Installer" identity for the pkg: set CSC_INSTALLER_LINK (+ CSC_INSTALLER_KEY_PASSWORD) or CSC_NAME.');
  }
  const apiKey = has("APPLE_API_KEY") && has("APPLE_API_KEY_ID") && has("APPLE_API_ISSUER");
  const profile = has("APPLE_KEYCHAIN_PROFILE");
  if (!apiKey && !profile) {
    blockers.push(
      "No notarization credentials: set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER (App Store Connect API key), " +
        "or APPLE_KEYCHAIN_PROFILE (and APPLE_KEYCHAIN) from `xcrun notarytool store-credentials`.",
    );
  }
  return blockers;
}

/** The checks each artifact must pass in a release build: [command, args, what it proves]. */
export function artifactChecks(path) {
  if (path.endsWith(".pkg")) {
    return [
      ["pkgutil", ["--check-signature", path], "signed with a Developer ID Installer identity"],
      ["xcrun", ["stapler", "validate", path], "notarized, with the ticket stapled"],
      ["spctl", ["--assess", "--type", "install", path], "accepted by Gatekeeper"],
    ];
  }
  if (path.endsWith(".dmg")) {
    return [["xcrun", ["stapler", "validate", path], "notarized, with the ticket stapled"]];
  }
  if (path.endsWith(".app")) {
    return [
      ["codesign", ["--verify", "--deep", "--strict", path], "signed"],
      ["xcrun", ["stapler", "validate", path], "notarized, with the ticket stapled"],
    ];
  }
  return [];
}

/** Runs artifactChecks; returns one message per failed check. */
export function artifactBlockers(paths, run = defaultRun) {
  const blockers = [];
  for (const path of paths) {
    for (const [command, args, proves] of artifactChecks(path)) {
      if (!run(command, args)) blockers.push(`${path} is not ${proves} (${command} ${args.join(" ")} failed).`);
    }
  }
  return blockers;
}

function defaultRun(command, args) {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

export function isReleaseBuild(argv, env) {
  return argv.includes("--release") || env.CDP_RELEASE === "1";
}
