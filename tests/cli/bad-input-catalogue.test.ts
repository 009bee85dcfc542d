// Bad-input catalogue, part 1: the command line and what `targets add` is given. Every case: a
// clear message, the documented exit code, no stack trace, nothing changed (see bad-input-harness).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CliWorld, keychainSkipReason } from "./cli-harness";
import { EXIT, HELP_HINT, runCatalogue, WHAT_TO_DO, type BadInputCase } from "./bad-input-harness";

const skip = await keychainSkipReason();
// Shaped like an AWS secret access key (40 characters, mixed case), made up for the test.
const PASTED_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz3Q9sTmeW";
const JAMF_SECRET_LIKE = "9f8Kq-2LmX_7pQv3RtY8wZ1aB4cD6eF0gH2iJ5kL";

const add = (world: CliWorld, name: string, url: string, extra: string[] = []) => [
  "targets",
  "add",
  "--name",
  name,
  "--jamf-url",
  url,
  "--jamf-client-id",
  world.sandbox.jamfClient.clientId,
  ...extra,
];

const usageCases: BadInputCase[] = [
  { what: "an unknown command", args: ["rotat"], exit: EXIT.usage, message: /Unknown command "rotat"\. Did you mean "rotate"\?/, advice: HELP_HINT },
  { what: "an unknown subcommand", args: ["targets", "delete"], exit: EXIT.usage, message: /Unknown command "targets delete"/, advice: HELP_HINT },
  { what: "an unknown flag", args: ["rotate", "--dry-runn"], exit: EXIT.usage, message: /Unknown option --dry-runn/, advice: HELP_HINT },
  { what: "an unknown flag before the command", args: ["--frobnicate", "status"], exit: EXIT.usage, message: /Unknown option --frobnicate\. Put command options after the command/, advice: HELP_HINT },
  {
    what: "a secret access key pasted as a stray argument is refused without being echoed",
    args: ["status", PASTED_SECRET],
    exit: EXIT.usage,
    message: /Unexpected argument \(not shown: it looks like it could be a secret\)/,
    advice: /remove it from your shell history[\s\S]*Run "cdp-key-rotator status --help"/,
    never: [PASTED_SECRET, PASTED_SECRET.slice(0, 12)],
  },
  {
    what: "a Jamf Pro client secret pasted after the target name is not echoed",
    args: ["targets", "test", "Sandbox", JAMF_SECRET_LIKE],
    exit: EXIT.usage,
    message: /Unexpected argument \(not shown/,
    advice: HELP_HINT,
    never: [JAMF_SECRET_LIKE],
  },
  {
    what: "a password-like stray argument is not echoed",
    args: ["rotate", "Winter2026x"],
    exit: EXIT.usage,
    message: /Unexpected argument \(not shown/,
    advice: HELP_HINT,
    never: ["Winter2026x"],
  },
  {
    what: "a secret given as a flag is refused with the reason, and its value is not echoed",
    args: ["targets", "add", "--name", "X", "--jamf-client-secret=hunter2-hunter2"],
    exit: EXIT.usage,
    message: /Secrets are never taken from the command line \(they would end up in shell history/,
    advice: HELP_HINT,
    never: ["hunter2-hunter2"],
  },
  { what: "a flag missing its value", args: ["rotate", "--target"], exit: EXIT.usage, message: /--target needs a value/, advice: HELP_HINT },
  { what: "a choice that does not exist", args: ["rotate", "--delete-old", "tomorrow"], exit: EXIT.usage, message: /--delete-old must be one of now, later \(got "tomorrow"\)/, advice: HELP_HINT },
  {
    what: "a number of days that is not a number",
    args: (w) => add(w, "Days", w.sandbox.jamf.url, ["--max-age-days", "ninety"]),
    exit: EXIT.usage,
    message: /--max-age-days must be a whole number of days \(got "ninety"\)/,
    advice: HELP_HINT,
  },
  { what: "a group without its subcommand", args: ["targets"], exit: EXIT.usage, message: /"targets" needs a subcommand: add, list, remove, test/, advice: HELP_HINT },
];

const urlCases: BadInputCase[] = [
  {
    what: "a garbage URL (ht!tp:/broken) is refused, not saved",
    args: (w) => add(w, "Garbage", "ht!tp:/broken"),
    exit: EXIT.error,
    message: /jamfUrl: The URL's scheme is mistyped \(it needs "https:\/\/"\)/,
    advice: /What to do: Copy the address from your browser's address bar|What to do: Correct the fields/,
  },
  {
    what: "a host name that cannot exist",
    args: (w) => add(w, "Underscore", "https://jamf_pro.example.com"),
    exit: EXIT.error,
    message: /"jamf_pro\.example\.com" is not a server name/,
    advice: WHAT_TO_DO,
  },
  { what: "a URL with spaces", args: (w) => add(w, "Spaces", "https://acme jamfcloud.com"), exit: EXIT.error, message: /The URL cannot contain spaces/, advice: WHAT_TO_DO },
  {
    what: "a plain-http URL for a remote server",
    args: (w) => add(w, "Plain", "http://acme.jamfcloud.com"),
    exit: EXIT.error,
    message: /must be reached over https:\/\//,
    advice: WHAT_TO_DO,
  },
  { what: "a non-web URL (ftp://)", args: (w) => add(w, "Ftp", "ftp://acme.jamfcloud.com"), exit: EXIT.error, message: /"ftp:" URLs are not supported/, advice: WHAT_TO_DO },
  {
    what: "a URL with a user name and password in it, which are not echoed",
    args: (w) => add(w, "Creds", "https://admin:Sup3rSecretPw@acme.jamfcloud.com"),
    exit: EXIT.error,
    message: /must not contain a user name or password/,
    advice: WHAT_TO_DO,
    never: ["Sup3rSecretPw"],
  },
  {
    what: "an AWS endpoint over plain http for a remote host",
    args: (w) => add(w, "Endpoint", w.sandbox.jamf.url, ["--aws-endpoint-url", "http://iam.example.com"]),
    exit: EXIT.error,
    message: /awsEndpointUrl: Use https:\/\//,
    advice: WHAT_TO_DO,
  },
  {
    what: "an AWS endpoint that is not an AWS host",
    args: (w) => add(w, "NotAws", w.sandbox.jamf.url, ["--aws-endpoint-url", "https://iam.amazonaws.com.evil.example"]),
    exit: EXIT.error,
    message: /awsEndpointUrl: iam\.amazonaws\.com\.evil\.example is not an AWS address; use an AWS endpoint \(\*\.amazonaws\.com/,
    advice: WHAT_TO_DO,
  },
];

const nameCases: BadInputCase[] = [
  {
    what: "a name with a right-to-left override",
    args: (w) => add(w, "Prod\u202Etset", w.sandbox.jamf.url),
    exit: EXIT.error,
    message: /name: The name cannot contain invisible or text-direction characters/,
    advice: WHAT_TO_DO,
  },
  {
    what: "a name with a zero-width space (looks like an existing name)",
    args: (w) => add(w, "Sand\u200Bbox", w.sandbox.jamf.url),
    exit: EXIT.error,
    message: /name: The name cannot contain invisible or text-direction characters/,
    advice: WHAT_TO_DO,
  },
  { what: "a name with a control character", args: (w) => add(w, "Bell\u0007", w.sandbox.jamf.url), exit: EXIT.error, message: /name: The name cannot contain control characters/, advice: WHAT_TO_DO },
  { what: "an absurdly long name", args: (w) => add(w, "N".repeat(500), w.sandbox.jamf.url), exit: EXIT.error, message: /name: Keep the name under 64 characters/, advice: WHAT_TO_DO },
  {
    what: "a name already taken (in other case)",
    args: (w) => add(w, "SANDBOX", w.sandbox.jamf.url),
    exit: EXIT.error,
    message: /A Jamf Pro instance named "Sandbox" is already set up/,
    advice: /What to do: Pick another name, or remove it first: cdp-key-rotator targets remove Sandbox/,
  },
  {
    what: "an IAM user name AWS would never accept",
    args: (w) => add(w, "BadUser", w.sandbox.jamf.url, ["--iam-user", "jamf cdp!"]),
    exit: EXIT.error,
    message: /iamUser: IAM user names are 1–64 letters/,
    advice: WHAT_TO_DO,
  },
  { what: "a region that does not exist", args: (w) => add(w, "Moon", w.sandbox.jamf.url, ["--region", "moon"]), exit: EXIT.error, message: /awsRegion: Use an AWS region code such as us-east-1/, advice: WHAT_TO_DO },
];

const secretCases: BadInputCase[] = [
  {
    what: "an empty secret on stdin",
    args: (w) => [...add(w, "Empty", w.sandbox.jamf.url), "--secret-stdin"],
    options: { env: { JAMF_CLIENT_SECRET: undefined, JAMF_CLIENT_ID: undefined }, input: "\n" },
    exit: EXIT.error,
    message: /No Jamf Pro API client secret was given on stdin/,
    advice: /What to do: Pipe the secret as the first line of stdin/,
  },
  {
    what: "no secret at all and no terminal to ask",
    args: (w) => add(w, "NoSecret", w.sandbox.jamf.url),
    options: { env: { JAMF_CLIENT_SECRET: undefined, JAMF_CLIENT_ID: undefined } },
    exit: EXIT.error,
    message: /No Jamf Pro API client secret was given, and there is no terminal to ask for it/,
    advice: /What to do: Set JAMF_CLIENT_SECRET in the environment, or pipe it with --secret-stdin/,
  },
  {
    what: "a secret in the environment for another API client",
    args: (w) => ["targets", "add", "--name", "Other", "--jamf-url", w.sandbox.jamf.url, "--jamf-client-id", "another-client"],
    exit: EXIT.error,
    message: /JAMF_CLIENT_SECRET is set for JAMF_CLIENT_ID=.*, not for another-client, so it was not used/,
    advice: /What to do: Set JAMF_CLIENT_ID=another-client/,
  },
];

describe("bad-input catalogue: command line and targets add", { skip }, () => {
  let world: CliWorld;
  before(async () => {
    world = await CliWorld.withSandboxTarget();
  });
  after(() => world.checkAndStop([PASTED_SECRET, JAMF_SECRET_LIKE]));

  runCatalogue([...usageCases, ...urlCases, ...nameCases, ...secretCases], () => world);

  it("right-to-left letters themselves are a fine name, and a pasted page URL is saved as the server address with a message", async () => {
    const result = await world.run(add(world, "שרת ירושלים", `${world.sandbox.jamf.url}/view/computers?id=5#general`));
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Using http:\/\/127\.0\.0\.1:\d+: the page path, query or fragment of the address given was left out/);
    const listed = JSON.parse((await world.run(["targets", "list", "--json"])).stdout) as Array<{ name: string; jamfUrl: string }>;
    assert.deepEqual(listed.find((t) => t.name === "שרת ירושלים")?.jamfUrl, world.sandbox.jamf.url);
    assert.equal((await world.run(["targets", "remove", "שרת ירושלים", "--yes"])).code, 0);
  });
});
