// Bad-input catalogue, part 2: what AWS and Jamf Pro answer. An unreachable host, a server that is
// not Jamf Pro, rejected credentials, a CDP that is not AWS, a Jamf Pro too old, an API client
// lacking Update Cloud Distribution Point (or a Jamf Pro that does not say), IAM users that do
// not exist or do not own the key, keys that leave no room, every IAM permission missing, no or
// wrong AWS credentials. Every case: a clear message, the documented exit code, no stack trace,
// nothing changed in AWS, Jamf Pro, the Keychain or the data folder (see bad-input-harness).
import assert from "node:assert/strict";
import { after, before, describe } from "node:test";
import { CliWorld, keychainSkipReason } from "./cli-harness";
import { EXIT, runCatalogue, WHAT_TO_DO, type BadInputCase } from "./bad-input-harness";
import { closedPort, deleteKeys } from "./bad-input-services";

const skip = await keychainSkipReason();
const NO_AWS_CREDENTIALS = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined };

const rotate = ["rotate", "--target", "Sandbox", "--yes", "--delete-old", "now"];
/** Preflight stopped before any change, and the CLI says so with the command to start again. */
const STOPPED_BEFORE_CHANGE = /State now: The preflight found a problem, so nothing was changed\.[\s\S]*cdp-key-rotator rotate --target Sandbox/;

const jamfCases: BadInputCase[] = [
  {
    what: "a Jamf Pro host that does not answer (connection refused)",
    args: ["targets", "test", "Closed"],
    exit: EXIT.error,
    message: /✗ Jamf Pro version: Could not reach Jamf Pro at 127\.0\.0\.1:\d+/,
    advice: WHAT_TO_DO,
  },
  {
    what: "a server that is not Jamf Pro",
    args: ["targets", "test", "NotJamf"],
    exit: EXIT.error,
    message: /not as Jamf Pro does: the URL may not be a Jamf Pro server/,
    advice: /What to do: .*(URL|address)/,
  },
  {
    what: "a wrong API client secret",
    args: ["targets", "test", "Sandbox"],
    options: { env: { JAMF_CLIENT_SECRET: "not-the-right-secret-77" } },
    exit: EXIT.error,
    message: /Jamf Pro rejected the API client ID or secret/,
    advice: WHAT_TO_DO,
    never: ["not-the-right-secret-77"],
  },
  {
    what: "a cloud distribution point that is not AWS (none set up)",
    prepare: (w) => w.sandbox.jamf.control.setCdp({ cdnType: "NONE" }),
    cleanup: (w) => w.sandbox.jamf.control.setCdp({ cdnType: "AMAZON_S3" }),
    args: rotate,
    exit: EXIT.error,
    message: /Problem: Jamf Pro's cloud distribution point uses NONE, not Amazon Web Services: there is no AWS key to rotate/,
    advice: /What to do: If this Jamf Pro should keep its packages in Amazon S3, set that up first[\s\S]*State now: The preflight found a problem, so nothing was changed/,
  },
  {
    what: "a cloud distribution point on Jamf Cloud, not AWS",
    prepare: (w) => w.sandbox.jamf.control.setCdp({ cdnType: "JAMF_CLOUD" }),
    cleanup: (w) => w.sandbox.jamf.control.setCdp({ cdnType: "AMAZON_S3" }),
    args: ["targets", "test", "Sandbox"],
    exit: EXIT.error,
    message: /✗ Cloud distribution point: Jamf Pro's cloud distribution point uses JAMF_CLOUD, not Amazon Web Services/,
    advice: /What to do: If this Jamf Pro should keep its packages in Amazon S3/,
  },
  {
    what: "a Jamf Pro version too old for key rotation",
    prepare: (w) => w.sandbox.jamf.control.setVersion("10.48.0-t1690000000"),
    cleanup: (w) => w.sandbox.jamf.control.setVersion("11.18.1-t1751990000"),
    args: rotate,
    exit: EXIT.error,
    message: /Problem: Jamf Pro 11\.14 or later is required \(this server runs 10\.48\.0/,
    advice: /What to do: Upgrade Jamf Pro to 11\.14 or later, or rotate the key by hand/,
    check: (result) => assert.match(result.stderr, STOPPED_BEFORE_CHANGE),
  },
];

const READ = "Read Cloud Distribution Point" as const;
const UPDATE = "Update Cloud Distribution Point" as const;
const readOnlyRole = (w: CliWorld) => w.sandbox.jamf.control.setPrivileges(w.sandbox.jamfClient.clientId, [READ]);
const fullRole = (w: CliWorld) => w.sandbox.jamf.control.setPrivileges(w.sandbox.jamfClient.clientId, [READ, UPDATE]);
const LACKS_UPDATE = /API client \S+ lacks the "Update Cloud Distribution Point" privilege in Jamf Pro, so Jamf Pro would refuse the new key/;
const ADD_UPDATE = /What to do: In Jamf Pro > Settings > API roles and clients, add the "Update Cloud Distribution Point" privilege to the API role of API client \S+, then try again\./;

/** Jamf Pro's privileges of the API client, as GET /api/v1/auth reports them. */
const privilegeCases: BadInputCase[] = [
  {
    what: "an API client lacking Update Cloud Distribution Point (targets test)",
    prepare: readOnlyRole,
    cleanup: fullRole,
    args: ["targets", "test", "Sandbox"],
    exit: EXIT.error,
    message: new RegExp(`✗ Jamf Pro privileges: ${LACKS_UPDATE.source}`),
    advice: ADD_UPDATE,
    never: [/ready to rotate/],
    check: (result) => assert.match(result.stdout, /✓ Cloud distribution point: Amazon Web Services/, "reading the CDP still works and is shown"),
  },
  {
    what: "an API client lacking Update Cloud Distribution Point (rotate stops before creating a key)",
    prepare: readOnlyRole,
    cleanup: fullRole,
    args: rotate,
    exit: EXIT.error,
    message: new RegExp(`Problem: ${LACKS_UPDATE.source}`),
    advice: ADD_UPDATE,
    check: (result, w) => {
      assert.match(result.stderr, STOPPED_BEFORE_CHANGE);
      assert.ok(!w.sandbox.aws.control.requests().some((r) => r.action === "iam:CreateAccessKey"), "no key was created");
    },
  },
  {
    what: "a Jamf Pro that does not report privileges: ready, with a warning that they could not be confirmed",
    prepare: (w) => w.sandbox.jamf.control.failNext("GET", "/api/v1/auth", 404, { httpStatus: 404, errors: [] }),
    args: ["targets", "test", "Sandbox"],
    exit: EXIT.ok,
    message: /! Jamf Pro privileges: The privileges of API client \S+ could not be confirmed: Jamf Pro answered HTTP 404 when asked for them/,
    advice: /What to do: Check in Jamf Pro > Settings > API roles and clients that the API role of API client \S+ has the "Update Cloud Distribution Point" privilege\.[\s\S]*The checks passed with a warning/,
    never: [/All checks passed/],
  },
];

const iamUserCases: BadInputCase[] = [
  {
    what: "an IAM user that does not exist",
    args: ["targets", "test", "NoUser"],
    exit: EXIT.error,
    message: /✗ Keys of the IAM user: The keys of IAM user nosuch-user could not be read: IAM user nosuch-user does not exist in this AWS account/,
    advice: WHAT_TO_DO,
  },
  {
    what: "an IAM user that does not own Jamf Pro's key (and has none)",
    args: ["targets", "test", "OtherUser"],
    exit: EXIT.error,
    message: /✗ Jamf Pro's key: Jamf Pro's key AKIA…\w{4} is not a key of IAM user other-user; it belongs to IAM user jamf-cdp/,
    advice: /What to do: Check which key Jamf Pro should hold/,
    // The user has no key at all: no claim about its keys may be made.
    never: [/other-user has only Jamf Pro's key/, /already has two/],
  },
  {
    what: "two active keys: no room for a new one",
    prepare: (w) => void w.sandbox.aws.control.issueKey(w.sandbox.cdpUser),
    cleanup: (w) => deleteKeys(w, w.sandbox.cdpUser, [w.sandbox.cdpKey.accessKeyId]),
    args: rotate,
    exit: EXIT.error,
    message: /IAM user jamf-cdp already has two active keys: Jamf Pro's AKIA…\w{4} and AKIA…\w{4} \(never used\)/,
    advice: /What to do: Find out what AKIA…\w{4} is used for and move that to another IAM user, then delete the key and rotate again\.[\s\S]*nothing was changed/,
  },
  {
    what: "an inactive key that was used recently takes the second slot",
    prepare: (w) => {
      const key = w.sandbox.aws.control.issueKey(w.sandbox.cdpUser, { status: "Inactive" });
      w.sandbox.aws.control.recordUse(key.accessKeyId, "s3", "us-east-1", new Date(w.sandbox.aws.control.now().getTime() - 86_400_000));
    },
    cleanup: (w) => deleteKeys(w, w.sandbox.cdpUser, [w.sandbox.cdpKey.accessKeyId]),
    args: rotate,
    exit: EXIT.error,
    message: /The inactive key AKIA…\w{4} of jamf-cdp was last used 1 day ago by s3 in us-east-1, so something may still want it/,
    advice: /What to do: Find out what used AKIA…\w{4}; if nothing needs it, delete it in the IAM console and rotate again\./,
  },
  {
    what: "LimitExceeded on CreateAccessKey although one key is listed",
    prepare: (w) => w.sandbox.aws.control.failNext("iam:CreateAccessKey", "LimitExceeded"),
    args: rotate,
    exit: EXIT.error,
    message: /AWS refused to create another access key for IAM user jamf-cdp \(LimitExceeded\), although it lists only 1 key/,
    advice: /What to do: List the keys of IAM user jamf-cdp in the IAM console[\s\S]*State now: AWS did not create a new key\. Jamf Pro still uses AKIA…\w{4}\. Nothing changed in Jamf Pro\./,
    never: [/already has 2 access keys/],
  },
];

/** One case per IAM permission the rotation needs: each refused before anything changes. */
const permissionCases: BadInputCase[] = (
  [
    ["iam:ListAccessKeys", /Problem: AWS refused iam:ListAccessKeys on user jamf-cdp for arn:aws:iam::\d+:user\/cdp-admin\./],
    ["iam:GetAccessKeyLastUsed", /The admin identity is not allowed iam:GetAccessKeyLastUsed on IAM user jamf-cdp/],
    ["iam:UpdateAccessKey", /The admin identity is not allowed iam:UpdateAccessKey on IAM user jamf-cdp/],
    ["iam:DeleteAccessKey", /The admin identity is not allowed iam:DeleteAccessKey on IAM user jamf-cdp/],
    // Cannot be probed without creating a key: refused at the step itself, before anything exists.
    ["iam:CreateAccessKey", /Problem: AWS refused iam:CreateAccessKey on user jamf-cdp for arn:aws:iam::\d+:user\/cdp-admin\./],
  ] as const
).map(([action, message]) => ({
  what: `the admin identity lacks ${action}`,
  prepare: (w: CliWorld) => w.sandbox.aws.control.deny("cdp-admin", action),
  cleanup: (w: CliWorld) => w.sandbox.aws.control.clearDenies(),
  args: rotate,
  exit: EXIT.error,
  message,
  advice: /What to do: .*(policy|permission|Least privilege)[\s\S]*State now: .*(nothing was changed|did not create a new key)/i,
}));

const credentialCases: BadInputCase[] = [
  {
    what: "no AWS credentials at all",
    args: rotate,
    options: (w) => ({ env: { ...NO_AWS_CREDENTIALS, HOME: w.home, AWS_CONFIG_FILE: `${w.home}/no-aws-config`, AWS_SHARED_CREDENTIALS_FILE: `${w.home}/no-aws-credentials` } }),
    exit: EXIT.error,
    message: /No AWS credentials were found/,
    advice: /What to do: .*aws configure/,
  },
  {
    what: "an AWS profile that does not exist is named",
    args: rotate,
    options: (w) => ({ env: { ...NO_AWS_CREDENTIALS, AWS_PROFILE: "acme-typo", HOME: w.home, AWS_CONFIG_FILE: `${w.home}/no-aws-config`, AWS_SHARED_CREDENTIALS_FILE: `${w.home}/no-aws-credentials` } }),
    exit: EXIT.error,
    message: /No AWS credentials were found for AWS profile "acme-typo"/,
    advice: /What to do: Check that profile "acme-typo" exists in ~\/\.aws\/config/,
  },
  {
    what: "a wrong admin secret access key, which is not echoed",
    args: rotate,
    options: { env: { AWS_SECRET_ACCESS_KEY: "Zz9WrongWrongWrongWrongWrongWrongWrong0Aa" } },
    exit: EXIT.error,
    message: /AWS says the secret access key does not match the access key/,
    advice: /What to do: .*secret access key/,
    never: ["Zz9WrongWrongWrongWrongWrongWrongWrong0Aa"],
  },
];

describe("bad-input catalogue: what AWS and Jamf Pro answer", { skip, concurrency: true }, () => {
  describe("Jamf Pro", { concurrency: false }, () => {
    let world: CliWorld;
    let notJamf: string;
    before(async () => {
      world = await CliWorld.withSandboxTarget();
      const { sandbox } = world;
      // The sandbox's AWS peer stands in for "some other web server" at the URL.
      notJamf = sandbox.aws.url;
      const add = (name: string, url: string) => world.run(["targets", "add", "--name", name, "--jamf-url", url, "--jamf-client-id", sandbox.jamfClient.clientId]);
      await add("Closed", `http://127.0.0.1:${await closedPort()}`);
      await add("NotJamf", notJamf);
    });
    after(() => world.checkAndStop(["not-the-right-secret-77"]));
    runCatalogue([...jamfCases, ...privilegeCases], () => world);
  });

  describe("IAM users and keys", { concurrency: false }, () => {
    let world: CliWorld;
    before(async () => {
      world = await CliWorld.withSandboxTarget();
      world.sandbox.aws.control.createUser("other-user");
      await world.addTarget("NoUser", ["--iam-user", "nosuch-user"]);
      await world.addTarget("OtherUser", ["--iam-user", "other-user"]);
    });
    after(() => world.checkAndStop());
    runCatalogue(iamUserCases, () => world);
  });

  describe("AWS permissions and credentials", { concurrency: false }, () => {
    let world: CliWorld;
    before(async () => {
      world = await CliWorld.withSandboxTarget();
    });
    after(() => world.checkAndStop(["Zz9WrongWrongWrongWrongWrongWrongWrong0Aa"]));
    runCatalogue([...permissionCases, ...credentialCases], () => world);
  });
});
