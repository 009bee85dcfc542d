// `cleanup`: delete access keys that interrupted rotations left behind (status marks them as
// orphans). Each key's question is the core's, printed in full before the answer; the core checks
// the key again right before the delete.
import { toErrorData } from "../../shared/errors";
import type { CommandDef } from "../command";
import { confirmOrDecline } from "../confirm";
import { EXIT } from "../exit-codes";
import { printErrorData } from "../report-error";
import { stringValue, targetOption, yesOption } from "./common-options";

export const cleanupCommand: CommandDef = {
  path: ["cleanup"],
  summary: "Delete access keys an interrupted rotation left behind (never used, not in Jamf Pro).",
  usage: "[--target NAME] [--yes]",
  description: [
    "Finds the keys `status` marks as orphans: described as made by a rotation of this tool for the",
    "instance's Jamf Pro server, not held by Jamf Pro (nor by another instance), never used, and not",
    "known to any open rotation. Asks before deleting each one.",
  ].join("\n"),
  options: { target: { ...targetOption, description: "Only this Jamf Pro instance (default: all)." }, yes: yesOption },
  exitCodes: ["0  every orphan key was deleted, or there was none", "1  some orphan key was kept or could not be deleted"],
  examples: ["cdp-key-rotator cleanup", "cdp-key-rotator cleanup --target Production --yes"],
  async run(context, args) {
    const name = stringValue(args.values.target);
    const target = name === undefined ? null : await context.target(name);
    const statuses = await context.call("cdp:status:refresh", target ? { targetId: target.id } : {});
    const orphans = statuses.flatMap((status) => status.keys.filter((key) => key.orphan).map((key) => ({ status, key })));
    if (orphans.length === 0) {
      context.out("No orphan access keys: nothing to clean up.\n");
      return EXIT.ok;
    }
    let kept = 0;
    for (const { status, key } of orphans) {
      context.out(`\n${context.style.bold(status.name)}\n  ${key.orphanQuestion ?? ""}\n`);
      if (args.values.yes) context.out(context.style.dim("  Confirmed by --yes.") + "\n");
      else if (!(await confirmOrDecline(context, "  Delete it?"))) {
        context.out("  Kept; nothing changed.\n");
        kept++;
        continue;
      }
      try {
        const { message } = await context.call("cdp:status:delete-orphan", { targetId: status.targetId, keyId: key.id });
        context.out(`  ${message}\n`);
      } catch (error) {
        printErrorData({ write: (text: string) => context.err(text) }, context.errStyle, toErrorData(error), context.verbose);
        kept++;
      }
    }
    return kept === 0 ? EXIT.ok : EXIT.error;
  },
};
