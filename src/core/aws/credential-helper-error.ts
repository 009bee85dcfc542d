// A profile's credential_process helper (aws-vault, granted, saml2aws, Homebrew's aws) that could
// not be run or that failed. The SDK only says "Command failed: …"; the admin needs the helper's
// name and, for an app opened from Finder (no shell PATH), the absolute-path fix.
import type { AppErrorData } from "../../shared/errors";

/** The program of a shell command line: its first word, quotes removed. */
export function helperProgram(commandLine: string): string {
  const match = /^\s*(?:"([^"]+)"|'([^']+)'|(\S+))/.exec(commandLine);
  return match?.[1] ?? match?.[2] ?? match?.[3] ?? commandLine.trim();
}

/** `sh` reports a missing program as "not found" (dash), "command not found" (bash, zsh) or ENOENT. */
const NOT_FOUND = /(?:command not found|: not found|No such file or directory|ENOENT)\s*$/im;
const NOT_EXECUTABLE = /Permission denied\s*$/im;

function profileName(profile: string | undefined): string {
  return profile ? `AWS profile "${profile}"` : "the default AWS profile";
}

/** AppErrorData for a credential_process failure, or null when the message is not one. */
export function credentialHelperError(message: string, profile: string | undefined): AppErrorData | null {
  const unusable = /credential_process (?:returned|did not return) ([^.]+)\./.exec(message);
  if (unusable) {
    return {
      code: "AWS_NO_CREDENTIALS",
      message: `The credential helper of ${profileName(profile)} (credential_process in ~/.aws/config) ran but did not return usable credentials (${unusable[0].replace(/^credential_process /, "").replace(/\.$/, "")}).`,
      action: "Run that credential_process command in Terminal: it must print AWS's Version 1 JSON with current keys (it may need you to sign in first).",
    };
  }
  const failed = /^Command failed: ([^\n]*)\n?([\s\S]*)$/.exec(message);
  if (!failed) return null;
  const program = helperProgram(failed[1] ?? "");
  const output = (failed[2] ?? "").trim();
  const base = program.split("/").pop() || program;
  const where = `credential_process of ${profileName(profile)} in ~/.aws/config`;
  if (NOT_FOUND.test(output)) {
    return program.startsWith("/")
      ? {
          code: "AWS_NO_CREDENTIALS",
          message: `The credential helper ${program} (the ${where}) does not exist.`,
          action: `Check the path in ~/.aws/config: run \`command -v ${base}\` in Terminal and put the path it prints in credential_process.`,
        }
      : {
          code: "AWS_NO_CREDENTIALS",
          message: `The credential helper "${program}" (the ${where}) could not be found.`,
          action:
            `Apps opened from Finder or at login do not see your shell's PATH. Use the helper's absolute path in ~/.aws/config, ` +
            `e.g. credential_process = /opt/homebrew/bin/${base} … (run \`command -v ${base}\` in Terminal to find it).`,
        };
  }
  if (NOT_EXECUTABLE.test(output)) {
    return {
      code: "AWS_NO_CREDENTIALS",
      message: `The credential helper ${program} (the ${where}) is not executable.`,
      action: `Make it executable (chmod +x ${program}) or point credential_process at the right program.`,
    };
  }
  const firstLine = output.split("\n").find((line) => line.trim().length > 0)?.trim();
  return {
    code: "AWS_NO_CREDENTIALS",
    message: `The credential helper "${program}" (the ${where}) failed${firstLine ? `: ${firstLine}` : ""}.`,
    action: `Run the credential_process command of that profile in Terminal to see why (it may need you to sign in), then try again.`,
  };
}
