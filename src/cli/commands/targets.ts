// `targets add | list | remove | test`: the Jamf Pro instances the CLI (and the app) manage.
import { jamfCredentialsFromEnv, JAMF_ENV } from "../../core/store/jamf-credentials";
import { normalizeJamfUrl } from "../../core/store/jamf-url";
import { parseTargetInput, targetNameKey } from "../../core/store/target-store";
import type { PolicyOverrides, Target, TargetInput } from "../../shared/domain";
import type { TargetView } from "../../shared/ipc-contract";
import { AppError } from "../../shared/errors";
import type { ParsedArgs } from "../args";
import type { CommandDef } from "../command";
import type { CliContext } from "../context";
import { EXIT } from "../exit-codes";
import { confirmOrDecline } from "../confirm";
import { quoteName } from "../status-view";
import { assertSandboxTarget } from "../target-choice";
import { renderTable } from "../table";
import { UsageError } from "../usage-error";
import { jsonOption, stringValue, targetOption, yesOption } from "./common-options";
import { printPreflight } from "./preflight-view";

const addCommand: CommandDef = {
  path: ["targets", "add"],
  summary: "Add a Jamf Pro instance (its secret goes to the Keychain).",
  usage: "--name NAME --jamf-url URL (--jamf-client-id ID | --jamf-username USER) [options]",
  description: [
    "The Jamf Pro API client secret (or the user's password) is never taken from the command line.",
    `It comes from ${JAMF_ENV.clientSecret} (or ${JAMF_ENV.password}) in the environment, from stdin with`,
    "--secret-stdin, or is asked for with hidden input in a terminal, and is stored in the Keychain.",
    "AWS calls use --aws-profile; when it is left out, AWS_PROFILE (if set) is recorded, else the SDK's default chain.",
  ].join("\n"),
  options: {
    name: { type: "string", short: "n", value: "NAME", description: "A name for the instance, e.g. ACME Production." },
    "jamf-url": { type: "string", value: "URL", description: "Jamf Pro URL, e.g. https://acme.jamfcloud.com." },
    "jamf-client-id": { type: "string", value: "ID", description: "Jamf Pro API client id (recommended)." },
    "jamf-username": { type: "string", value: "USER", description: "Jamf Pro user name (instead of an API client)." },
    "aws-profile": { type: "string", value: "PROFILE", description: "AWS profile of the admin identity (default: the SDK's default chain)." },
    region: { type: "string", value: "REGION", description: "AWS region for IAM and STS calls (default us-east-1)." },
    "iam-user": { type: "string", value: "USER", description: "IAM user that owns the CDP key (found from Jamf Pro's key when left out)." },
    "aws-endpoint-url": { type: "string", value: "URL", description: "IAM/STS endpoint (a VPC endpoint or the local sandbox)." },
    "max-age-days": { type: "string", value: "DAYS", description: "Overdue after this many days (default 90)." },
    "warning-days": { type: "string", value: "DAYS", description: "Due soon this many days before (default 14)." },
    "grace-days": { type: "string", value: "DAYS", description: "Keep the old key inactive this long before deleting it (default 7)." },
    "secret-stdin": { type: "boolean", description: "Read the Jamf Pro secret from the first line of stdin." },
    test: { type: "boolean", description: "Test the connection right after adding (same as targets test)." },
  },
  examples: [
    "JAMF_CLIENT_SECRET=… cdp-key-rotator targets add --name ACME --jamf-url https://acme.jamfcloud.com --jamf-client-id 0f3c… --aws-profile acme-admin",
    "cdp-key-rotator targets add --name Lab --jamf-url https://lab.example.com:8443 --jamf-username rotator --iam-user jamf-cdp",
  ],
  async run(context, args) {
    const input = targetInputFromArgs(args);
    const profileNote = adoptEnvironmentProfile(input, context.io.env);
    // Every field problem is reported before the secret is asked for, with the profile's allowed AWS endpoint hosts.
    const { allowedAwsEndpointHosts = [] } = await context.call("cdp:settings:get", {});
    parseTargetInput(input, { extraAwsEndpointHosts: allowedAwsEndpointHosts });
    const existing = (await context.targets()).find((t) => targetNameKey(t.name) === targetNameKey(input.name));
    if (existing) {
      throw new AppError({
        code: "TARGET_EXISTS",
        message: `A Jamf Pro instance named "${existing.name}" is already set up.`,
        action: `Pick another name, or remove it first: cdp-key-rotator targets remove ${quoteName(existing.name)}`,
      });
    }
    if (context.noKeychain) {
      // Nothing to keep the secret in: the target is saved without one and the environment supplies it.
      assertSandboxTarget({ name: input.name, jamfUrl: normalizeJamfUrl(input.jamfUrl) });
      const target = await context.call("cdp:targets:save", { target: input });
      const vars = target.jamfAuth.kind === "api-client" ? `${JAMF_ENV.clientId} and ${JAMF_ENV.clientSecret}` : `${JAMF_ENV.username} and ${JAMF_ENV.password}`;
      reportUrlChange(context, input.jamfUrl, target.jamfUrl);
      context.out(`Added "${target.name}" (${target.jamfUrl}) without a stored secret (--no-keychain): set ${vars} for every command.\n`);
      if (profileNote) context.out(profileNote);
      return args.values.test ? testNow(context, target) : EXIT.ok;
    }
    const secret = await readSecret(context, input, args.values["secret-stdin"] === true);
    const target = await context.call("cdp:targets:save", { target: input, secret });
    reportUrlChange(context, input.jamfUrl, target.jamfUrl);
    context.out(`Added "${target.name}" (${target.jamfUrl}). The Jamf Pro ${secretWord(target)} is in the Keychain.\n`);
    if (profileNote) context.out(profileNote);
    if (args.values.test) return testNow(context, target);
    context.out(`Check it with: cdp-key-rotator targets test ${quoteName(target.name)}\n`);
    return EXIT.ok;
  },
};

/** --test right after adding: the same read-only checks as `targets test`, and its exit code. */
async function testNow(context: CliContext, target: Target): Promise<number> {
  const report = await context.call("cdp:targets:test", { targetId: target.id });
  printPreflight(context, target, report);
  return report.ok ? EXIT.ok : EXIT.error;
}

/** Says so when the saved address is not what was typed (a page path, a query or a fragment left out). */
function reportUrlChange(context: CliContext, typed: string, saved: string): void {
  const plain = (url: string) => url.trim().replace(/\/+$/, "").toLowerCase();
  if (plain(typed) === plain(saved) || plain(`https://${typed.trim()}`) === plain(saved)) return;
  context.out(`Using ${saved}: the page path, query or fragment of the address given was left out (Jamf Pro is reached at its server address).\n`);
}

const listCommand: CommandDef = {
  path: ["targets", "list"],
  summary: "List the Jamf Pro instances that are set up.",
  usage: "[--json]",
  options: { json: jsonOption },
  async run(context, args) {
    const targets = await context.call("cdp:targets:list", {});
    const rows = targets.map((target) => ({ target, secret: secretSource(context, target) }));
    if (args.values.json) {
      context.out(JSON.stringify(rows.map(({ target, secret }) => ({ ...target, secretSource: secret })), null, 2) + "\n");
      return EXIT.ok;
    }
    if (targets.length === 0) {
      context.out("No Jamf Pro instance is set up yet. Add one with: cdp-key-rotator targets add --help\n");
      return EXIT.ok;
    }
    const { style } = context;
    context.out(
      renderTable(
        [
          { header: "NAME", cell: (r: (typeof rows)[number]) => r.target.name },
          { header: "JAMF PRO", cell: (r) => r.target.jamfUrl },
          { header: "AUTH", cell: (r) => (r.target.jamfAuth.kind === "api-client" ? `API client ${r.target.jamfAuth.clientId}` : `user ${r.target.jamfAuth.username}`) },
          { header: "SECRET", cell: (r) => (r.secret === "missing" ? style.red("missing") : r.secret) },
          { header: "AWS PROFILE", cell: (r) => r.target.awsProfile ?? "(default chain)" },
          { header: "REGION", cell: (r) => r.target.awsRegion ?? "us-east-1" },
          { header: "IAM USER", cell: (r) => r.target.iamUser ?? "(from Jamf Pro's key)" },
        ],
        rows,
        style.bold,
      ),
    );
    return EXIT.ok;
  },
};

const removeCommand: CommandDef = {
  path: ["targets", "remove"],
  summary: "Remove a Jamf Pro instance and its Keychain secret (AWS and Jamf Pro are not touched).",
  usage: "[NAME | --target NAME] [--yes]",
  options: { target: targetOption, yes: yesOption },
  positionals: [{ name: "NAME", description: "The instance to remove (or use --target)." }],
  async run(context, args) {
    const target = await context.target(targetName(args));
    if (!args.values.yes && !(await confirmOrDecline(context, `Remove "${target.name}" (${target.jamfUrl}) and its Keychain secret?`))) {
      context.err("Nothing removed.\n");
      return EXIT.error;
    }
    await context.call("cdp:targets:remove", { targetId: target.id });
    context.out(`Removed "${target.name}". Its AWS keys and Jamf Pro settings are unchanged.\n`);
    return EXIT.ok;
  },
};

const testCommand: CommandDef = {
  path: ["targets", "test"],
  summary: "Check a Jamf Pro instance and its AWS key without changing anything.",
  usage: "[NAME | --target NAME] [--json]",
  options: { target: targetOption, json: jsonOption },
  positionals: [{ name: "NAME", description: "The instance to test (or use --target)." }],
  exitCodes: ["0  every check passed", "1  a check failed or the test could not run"],
  async run(context, args) {
    const target = await context.target(targetName(args));
    const report = await context.call("cdp:targets:test", { targetId: target.id });
    if (args.values.json) context.out(JSON.stringify(report, null, 2) + "\n");
    else printPreflight(context, target, report);
    return report.ok ? EXIT.ok : EXIT.error;
  },
};

export const TARGET_COMMANDS: CommandDef[] = [addCommand, listCommand, removeCommand, testCommand];

function targetName(args: ParsedArgs): string | undefined {
  const flag = stringValue(args.values.target);
  const positional = args.positionals[0];
  if (flag !== undefined && positional !== undefined && flag !== positional) {
    throw new UsageError(`Name the instance once: "${positional}" and --target "${flag}" disagree.`);
  }
  return flag ?? positional;
}

function targetInputFromArgs(args: ParsedArgs): TargetInput & { name: string } {
  const v = args.values;
  const command = "targets add";
  const name = stringValue(v.name);
  const jamfUrl = stringValue(v["jamf-url"]);
  const clientId = stringValue(v["jamf-client-id"]);
  const username = stringValue(v["jamf-username"]);
  const missing = [!name && "--name NAME", !jamfUrl && "--jamf-url URL"].filter(Boolean);
  if (missing.length) throw new UsageError(`Missing ${missing.join(" and ")}.`, command);
  if (clientId && username) throw new UsageError("Use either --jamf-client-id or --jamf-username, not both.", command);
  if (!clientId && !username) throw new UsageError("Missing --jamf-client-id ID (an API client, recommended) or --jamf-username USER.", command);
  const policy: PolicyOverrides = {};
  for (const [flag, field] of [
    ["max-age-days", "maxAgeDays"],
    ["warning-days", "warningDays"],
    ["grace-days", "graceDays"],
  ] as const) {
    const raw = stringValue(v[flag]);
    if (raw === undefined) continue;
    if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--${flag} must be a whole number of days (got "${raw}").`, command);
    policy[field] = Number(raw.trim());
  }
  const input: TargetInput & { name: string } = {
    name: name ?? "",
    jamfUrl: jamfUrl ?? "",
    jamfAuth: clientId ? { kind: "api-client", clientId } : { kind: "basic", username: username ?? "" },
  };
  const profile = stringValue(v["aws-profile"]);
  const region = stringValue(v.region);
  const iamUser = stringValue(v["iam-user"]);
  const endpoint = stringValue(v["aws-endpoint-url"]);
  if (profile) input.awsProfile = profile;
  if (region) input.awsRegion = region;
  if (iamUser) input.iamUser = iamUser;
  if (endpoint) input.awsEndpointUrl = endpoint;
  if (Object.keys(policy).length) input.policy = policy;
  return input;
}

/**
 * The app, launched from Finder or at login, has no AWS_PROFILE: a target added while it was exported
 * would silently use [default] there, possibly another account. So the exported profile is recorded.
 */
function adoptEnvironmentProfile(input: TargetInput, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const fromEnv = env.AWS_PROFILE?.trim();
  if (input.awsProfile || !fromEnv) return undefined;
  input.awsProfile = fromEnv;
  return `AWS profile: "${fromEnv}" (from AWS_PROFILE), recorded so the app uses it too. Give --aws-profile to choose another.\n`;
}

function secretWord(target: Pick<Target, "jamfAuth">): string {
  return target.jamfAuth.kind === "api-client" ? "API client secret" : "password";
}

/** The Jamf Pro secret for a new target: environment, stdin (--secret-stdin), or a hidden prompt. */
async function readSecret(context: CliContext, input: TargetInput, fromStdin: boolean): Promise<string> {
  const auth = input.jamfAuth;
  const [idVar, secretVar, id] =
    auth.kind === "api-client" ? [JAMF_ENV.clientId, JAMF_ENV.clientSecret, auth.clientId] : [JAMF_ENV.username, JAMF_ENV.password, auth.username];
  const what = auth.kind === "api-client" ? "API client secret" : "password";
  const envSecret = context.io.env[secretVar];
  if (envSecret) {
    const envId = context.io.env[idVar]?.trim();
    const same = auth.kind === "api-client" ? envId === id.trim() : envId?.toLowerCase() === id.trim().toLowerCase();
    if (envId && !same) {
      throw new AppError({
        code: "INVALID_INPUT",
        message: `${secretVar} is set for ${idVar}=${envId}, not for ${id}, so it was not used.`,
        action: `Set ${idVar}=${id} with its ${what}, or unset both to be asked for it.`,
      });
    }
    return envSecret;
  }
  if (fromStdin) {
    const line = await context.asker.lines.readLine();
    if (!line || !line.trim()) {
      throw new AppError({ code: "SECRET_MISSING", message: `No Jamf Pro ${what} was given on stdin.`, action: "Pipe the secret as the first line of stdin." });
    }
    return line.replace(/\r?\n$/, "");
  }
  if (context.asker.interactive) {
    const secret = await context.asker.secret(`Jamf Pro ${what} for ${id} (hidden): `);
    if (!secret) throw new AppError({ code: "SECRET_MISSING", message: `No Jamf Pro ${what} was entered.`, action: "Run the command again and type or paste it." });
    return secret;
  }
  throw new AppError({
    code: "SECRET_MISSING",
    message: `No Jamf Pro ${what} was given, and there is no terminal to ask for it.`,
    action: `Set ${secretVar} in the environment, or pipe it with --secret-stdin. Secrets are never taken from the command line.`,
  });
}

type SecretSource = "environment" | "keychain" | "missing";

/** Where the Jamf Pro secret of a target would come from (the environment wins, as in the core). */
function secretSource(context: CliContext, target: TargetView): SecretSource {
  if (jamfCredentialsFromEnv(target, context.io.env).credentials) return "environment";
  return target.hasSecret ? "keychain" : "missing";
}
