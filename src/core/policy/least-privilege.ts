// The least privilege the admin's AWS identity and the Jamf Pro API role need to rotate one
// target's key, shown in the app (with a Copy button) and by `cdp-key-rotator policy`.
// STS GetCallerIdentity needs no permission, so it is not listed.
import { iamUserNameSchema, type LeastPrivilege } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import { JAMF_CDP_PRIVILEGES } from "../../shared/jamf-api-client";

/** What rotation calls on the CDP key's IAM user. */
export const ROTATION_IAM_ACTIONS = [
  "iam:ListAccessKeys",
  "iam:CreateAccessKey",
  "iam:UpdateAccessKey",
  "iam:DeleteAccessKey",
  "iam:GetAccessKeyLastUsed",
] as const;

/**
 * Optional: the IAM console's access key descriptions (user tags keyed by key id). Without them
 * the rotation still runs and says the description was skipped.
 */
export const DESCRIPTION_IAM_ACTIONS = ["iam:TagUser", "iam:UntagUser", "iam:ListUserTags"] as const;

export { JAMF_CDP_PRIVILEGES };

const ACCOUNT_ID = /^\d{12}$/;

interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string[];
}

export function leastPrivilegeFor(input: { accountId?: string; iamUser?: string | null }): LeastPrivilege {
  const accountId = input.accountId?.trim() || null;
  if (accountId !== null && !ACCOUNT_ID.test(accountId)) {
    throw new AppError({
      code: "INVALID_INPUT",
      message: "accountId: An AWS account id is 12 digits.",
      action: "Leave it out to get a policy for any account, or pass the 12-digit id.",
    });
  }
  const iamUser = input.iamUser?.trim() || null;
  if (iamUser !== null && !iamUserNameSchema.safeParse(iamUser).success) {
    throw new AppError({
      code: "INVALID_INPUT",
      message: "iamUser: IAM user names are 1–64 letters, digits and + = , . @ _ -.",
      action: "Check the IAM user name of the Jamf CDP key.",
    });
  }

  const account = accountId ?? "*";
  const userArn = (name: string) => `arn:aws:iam::${account}:user/${name}`;
  const notes: string[] = [];
  let statements: PolicyStatement[];
  if (iamUser) {
    statements = [
      {
        Sid: "RotateJamfCdpKey",
        Effect: "Allow",
        Action: [...ROTATION_IAM_ACTIONS],
        // User names are unique in an account whatever their path; the second ARN covers a user
        // created with a path (arn:aws:iam::…:user/some/path/name).
        Resource: [userArn(iamUser), userArn(`*/${iamUser}`)],
      },
    ];
  } else {
    statements = [
      {
        Sid: "DiscoverJamfCdpKeyUser",
        Effect: "Allow",
        Action: ["iam:GetAccessKeyLastUsed"],
        Resource: [userArn("*")],
      },
      {
        Sid: "RotateJamfCdpKey",
        Effect: "Allow",
        Action: ROTATION_IAM_ACTIONS.filter((a) => a !== "iam:GetAccessKeyLastUsed"),
        Resource: [userArn("*")],
      },
    ];
    notes.push(
      "The IAM user of the Jamf CDP key is not known yet, so this policy covers every IAM user (user/*): " +
        "GetAccessKeyLastUsed on user/* is what lets the app discover the user from the key id Jamf Pro holds. " +
        "After Test connection has found the user, show this policy again to get one limited to that user.",
    );
  }
  statements.push({
    Sid: "DescribeAccessKeysOptional",
    Effect: "Allow",
    Action: [...DESCRIPTION_IAM_ACTIONS],
    Resource: iamUser ? [userArn(iamUser), userArn(`*/${iamUser}`)] : [userArn("*")],
  });
  notes.push(
    "The DescribeAccessKeysOptional statement is optional: it lets rotations set the IAM console's description of the new key and remove the old key's. Without it rotations still work and say the description was skipped.",
  );
  if (!accountId) {
    notes.push("The AWS account id is not known, so the ARNs use * for the account; replace it with your 12-digit account id.");
  }

  const policy = { Version: "2012-10-17", Statement: statements };
  const result: LeastPrivilege = {
    iamPolicyJson: JSON.stringify(policy, null, 2),
    jamfPrivileges: [...JAMF_CDP_PRIVILEGES],
  };
  if (notes.length > 0) result.note = notes.join(" ");
  return result;
}
