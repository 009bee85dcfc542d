// What `npm run dist` builds and which files a release build must check: the CPUs asked for on the
// command line, how a development build is signed, the exact artifact paths electron-builder
// writes, and the notarytool arguments for the dmg (electron-builder notarizes the app and the pkg,
// not the dmg).
import { join } from "node:path";

export const MAC_ARCHES = ["arm64", "x64"];

/** The CPUs to build: those named with --arm64 / --x64, or both when none is named. */
export function selectedArches(argv) {
  const named = MAC_ARCHES.filter((arch) => argv.includes(`--${arch}`));
  return named.length ? named : [...MAC_ARCHES];
}

/**
 * The top-level artifacts of one build, named as electron-builder.yml's
 * `${productName}-${version}-${arch}.${ext}`, and each unpacked app (electron-builder puts the x64
 * app, its default arch, in `mac/`). Nested helper apps inside the bundle are not listed: they are
 * signed as part of the app and carry no notarization ticket of their own.
 */
export function releaseArtifacts(outDir, { productName, version, arches }) {
  const files = [];
  for (const arch of arches) {
    for (const ext of ["pkg", "dmg"]) files.push(join(outDir, `${productName}-${version}-${arch}.${ext}`));
    files.push(join(outDir, arch === "x64" ? "mac" : `mac-${arch}`, `${productName}.app`));
  }
  return files;
}

/** notarytool's credential arguments from the same variables electron-builder reads; null if none. */
export function notarytoolCredentials(env) {
  const has = (name) => typeof env[name] === "string" && env[name].trim() !== "";
  if (has("APPLE_API_KEY") && has("APPLE_API_KEY_ID") && has("APPLE_API_ISSUER")) {
    return ["--key", env.APPLE_API_KEY, "--key-id", env.APPLE_API_KEY_ID, "--issuer", env.APPLE_API_ISSUER];
  }
  if (has("APPLE_KEYCHAIN_PROFILE")) {
    return ["--keychain-profile", env.APPLE_KEYCHAIN_PROFILE, ...(has("APPLE_KEYCHAIN") ? ["--keychain", env.APPLE_KEYCHAIN] : [])];
  }
  return null;
}

/**
 * How a development build is signed. With an identity named (CSC_NAME, CSC_LINK, or
 * CSC_IDENTITY_AUTO_DISCOVERY=true) it is signed with it, just not notarized. Without one it is
 * signed ad hoc: flipping the fuses and writing Info.plist break Electron's own signature, and
 * Apple silicon refuses to run unsigned code. Ad hoc code has no Team ID, so the hardened runtime's
 * library validation would refuse Electron's frameworks; it is off in that case only.
 */
export function developmentBuild(env) {
  const has = (name) => typeof env[name] === "string" && env[name].trim() !== "";
  const named = has("CSC_NAME") || has("CSC_LINK") || env.CSC_IDENTITY_AUTO_DISCOVERY === "true";
  if (named) return { signing: "identity", env: { ...env }, builderArgs: ["-c.mac.notarize=false"] };
  return {
    signing: "ad-hoc",
    // Never pick an identity from the keychains by surprise (and never prompt for one).
    env: { ...env, CSC_IDENTITY_AUTO_DISCOVERY: "false" },
    builderArgs: ["-c.mac.notarize=false", "-c.mac.identity=-", "-c.mac.hardenedRuntime=false"],
  };
}
