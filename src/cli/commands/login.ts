// `login [--profile NAME]`: IAM Identity Center sign-in, the same cache as `aws sso login`.
import { spawn } from "node:child_process";
import { isSsoVerificationUrl, ssoDeviceCodeWords, ssoLogin, ssoSignedInWords } from "../../core/aws/sso-login";
import type { CommandDef } from "../command";
import { EXIT } from "../exit-codes";
import { stringValue } from "./common-options";

export const loginCommand: CommandDef = {
  path: ["login"],
  summary: "Sign in to IAM Identity Center for an AWS profile (shares the AWS CLI's sign-in).",
  usage: "[--profile NAME] [--no-browser]",
  description: [
    "Runs the device sign-in of IAM Identity Center for an sso-session (or legacy SSO) profile in",
    "~/.aws/config: shows a code, opens the sign-in page, and waits until you approve it. The token is",
    "written to ~/.aws/sso/cache exactly as `aws sso login` writes it, so both tools share one sign-in.",
    "With a refresh token in the cache, no browser is needed.",
  ].join("\n"),
  options: {
    profile: { type: "string", value: "NAME", description: "The AWS profile (default: AWS_PROFILE, else default)." },
    "no-browser": { type: "boolean", description: "Only print the address; do not open the browser." },
  },
  examples: ["cdp-key-rotator login --profile acme-admin"],
  async run(context, args) {
    const openBrowser = args.values["no-browser"] !== true && context.io.stdout.isTTY === true && context.io.platform === "darwin";
    // Ctrl-C stops the waiting cleanly: nothing is written, and the message says so.
    const controller = new AbortController();
    const onSignal = () => controller.abort(new Error("interrupted"));
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      const result = await ssoLogin(stringValue(args.values.profile), {
        env: context.io.env,
        clock: context.clock,
        fetch: context.http,
        signal: controller.signal,
        onDeviceCode: (code) => {
          context.out(`${ssoDeviceCodeWords(code)}\n`);
          if (openBrowser && isSsoVerificationUrl(code.verificationUriComplete)) {
            spawn("/usr/bin/open", [code.verificationUriComplete], { stdio: "ignore", detached: true }).unref();
          }
          context.out("Waiting for the approval… (Ctrl-C cancels)\n");
        },
      });
      context.out(`${ssoSignedInWords(result)}\n`);
      return EXIT.ok;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};
