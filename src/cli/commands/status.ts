// `status`: key age and state of every target (or one), as a table or JSON, with exit codes
// monitoring scripts can use.
import type { CommandDef } from "../command";
import { EXIT } from "../exit-codes";
import { renderStatusTable, statusExitCode } from "../status-view";
import { jsonOption, stringValue, targetOption } from "./common-options";

export const statusCommand: CommandDef = {
  path: ["status"],
  summary: "Show key age and state of every Jamf Pro instance (or one).",
  usage: "[--target NAME] [--json]",
  description: [
    "Reads AWS and Jamf Pro (read-only) for every instance at once. States: ok, due-soon, overdue,",
    "drift (Jamf Pro's key is not an active key of the IAM user), rotation-in-progress,",
    "old-key-pending-deletion, error. --json prints an array with full key ids.",
  ].join("\n"),
  options: {
    target: { ...targetOption, description: "Only this Jamf Pro instance (default: all)." },
    json: jsonOption,
  },
  exitCodes: [
    "0  every key is ok",
    "2  some key is due soon (or a rotation is open)",
    "3  some key is overdue, or Jamf Pro's key drifted",
    "1  some instance could not be read (error), or the command failed",
  ],
  examples: ["cdp-key-rotator status", "cdp-key-rotator status --json | jq '.[] | {name, state, daysLeft}'"],
  async run(context, args) {
    const name = stringValue(args.values.target);
    const target = name === undefined ? null : await context.target(name);
    const statuses = await context.call("cdp:status:refresh", target ? { targetId: target.id } : {});
    if (args.values.json) {
      context.out(JSON.stringify(statuses, null, 2) + "\n");
      return statusExitCode(statuses);
    }
    if (statuses.length === 0) {
      context.out("No Jamf Pro instance is set up yet. Add one with: cdp-key-rotator targets add --help\n");
      return EXIT.ok;
    }
    context.out(renderStatusTable(statuses, context.style, context.verbose, context.clock.now().getTime()));
    return statusExitCode(statuses);
  },
};
