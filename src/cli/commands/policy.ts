// `policy`: the least privilege the admin's AWS identity and the Jamf Pro API role need.
import type { CommandDef } from "../command";
import { EXIT } from "../exit-codes";
import { jsonOption, stringValue, targetOption } from "./common-options";

export const policyCommand: CommandDef = {
  path: ["policy"],
  summary: "Print the least-privilege IAM policy and Jamf Pro API role privileges a rotation needs.",
  usage: "[--target NAME] [--json]",
  description: [
    "The IAM policy is for the admin identity cdp-key-rotator runs AWS calls as (your profile, SSO role",
    "or default chain), limited to the IAM user that owns the CDP key. When the target names no IAM",
    "user, it is found from Jamf Pro's key id first (read-only).",
  ].join("\n"),
  options: { target: targetOption, json: jsonOption },
  async run(context, args) {
    const target = await context.target(stringValue(args.values.target));
    // The backend's policy uses the IAM user the status found; read it when the target names none.
    if (!target.iamUser) await context.call("cdp:status:refresh", { targetId: target.id });
    const privilege = await context.call("cdp:policy:get", { targetId: target.id });
    if (args.values.json) {
      const body: Record<string, unknown> = {
        target: target.name,
        iamPolicy: JSON.parse(privilege.iamPolicyJson) as unknown,
        jamfPrivileges: privilege.jamfPrivileges,
      };
      if (privilege.note) body.note = privilege.note;
      context.out(JSON.stringify(body, null, 2) + "\n");
      return EXIT.ok;
    }
    const { style } = context;
    const lines = [
      style.bold(`IAM policy for the admin identity that rotates "${target.name}":`),
      privilege.iamPolicyJson.trim(),
      "",
      style.bold("Jamf Pro API role privileges (Settings > API roles and clients):"),
      ...privilege.jamfPrivileges.map((p) => `  - ${p}`),
    ];
    if (privilege.note) lines.push("", `${style.yellow("Note:")} ${privilege.note}`);
    context.out(lines.join("\n") + "\n");
    return EXIT.ok;
  },
};
