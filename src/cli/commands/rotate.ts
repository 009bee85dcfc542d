// `rotate`, `resume`, `finish`, `abort`: the rotation engine driven from a terminal.
import type { RotationRun } from "../../core/rotation/rotation-engine";
import type { RotationSnapshot, Target } from "../../shared/domain";
import { AppError, isAppError } from "../../shared/errors";
import type { ParsedArgs } from "../args";
import type { CommandDef } from "../command";
import type { CliContext } from "../context";
import { EXIT } from "../exit-codes";
import { RotationConsole } from "../rotation-console";
import { quoteName } from "../status-view";
import { stringValue, targetOption, yesOption } from "./common-options";
import { confirmOrDecline } from "../confirm";

const ignoreOldKeyUseOption = {
  type: "boolean" as const,
  description: "With --yes: deactivate the old key even if something used it after Jamf Pro switched (otherwise the rotation stops there).",
};

const ROTATION_EXIT_CODES = [
  "0  the rotation completed (or the old key waits for its grace period)",
  "1  the rotation did not complete: the message says what state things are in and what to run next",
  "130  interrupted (Ctrl-C); the rotation is resumable",
];

export const rotateCommand: CommandDef = {
  path: ["rotate"],
  summary: "Rotate the CDP access key, confirming each step.",
  usage: "[--target NAME] [--yes] [--delete-old now|later] [--ignore-old-key-use]",
  description: [
    "Creates a second key, proves it works, gives it to Jamf Pro, proves Jamf Pro works with it, checks",
    "nothing else uses the old key, deactivates it, and deletes it now or after the grace period.",
    "Every step that changes AWS or Jamf Pro says what it will do and asks first (unless --yes).",
    "Ctrl-C stops at the next safe point; run `resume` to carry on or `abort` to roll back.",
  ].join("\n"),
  options: {
    target: targetOption,
    yes: yesOption,
    "ignore-old-key-use": ignoreOldKeyUseOption,
    "delete-old": {
      type: "string",
      value: "now|later",
      choices: ["now", "later"],
      description: "Delete the old key right away, or keep it inactive for the grace period (default later).",
    },
  },
  exitCodes: ROTATION_EXIT_CODES,
  examples: ["cdp-key-rotator rotate --target ACME", "cdp-key-rotator rotate --target ACME --yes --delete-old later"],
  async run(context, args) {
    const target = await context.target(stringValue(args.values.target));
    const deleteOld = stringValue(args.values["delete-old"]) === "now" ? "now" : "later";
    context.out(
      `Rotating the AWS access key of "${target.name}" (${target.jamfUrl}). The old key will be deleted ${deleteOld === "now" ? "at the end" : "after the grace period"}.\n`,
    );
    return drive(context, args, target, (core, callbacks) => core.engine.start(target, { ...callbacks, deleteOld }));
  },
};

export const resumeCommand: CommandDef = {
  path: ["resume"],
  summary: "Carry on an interrupted or stopped rotation from where AWS and Jamf Pro are now.",
  usage: "[--target NAME] [--yes] [--ignore-old-key-use]",
  options: { target: targetOption, yes: yesOption, "ignore-old-key-use": ignoreOldKeyUseOption },
  exitCodes: ROTATION_EXIT_CODES,
  async run(context, args) {
    const target = await context.target(stringValue(args.values.target));
    await describeOpen(context, target);
    return drive(context, args, target, (core, callbacks) => core.engine.resume(target, callbacks));
  },
};

export const finishCommand: CommandDef = {
  path: ["finish"],
  summary: "Delete the old key once its grace period is over (re-checks it is inactive and unused).",
  usage: "[--target NAME] [--yes] [--force]",
  options: {
    target: targetOption,
    yes: yesOption,
    force: { type: "boolean", description: "Delete before the grace period ends." },
  },
  exitCodes: ["0  the old key was deleted", "1  it was not (the message says why)"],
  async run(context, args) {
    const target = await context.target(stringValue(args.values.target));
    await describeOpen(context, target);
    return drive(context, args, target, (core, callbacks) => core.engine.finish(target, { ...callbacks, force: args.values.force === true }));
  },
};

export const abortCommand: CommandDef = {
  path: ["abort"],
  summary: "Close an open rotation, rolling back what is safe (the key Jamf Pro uses is never removed).",
  usage: "[--target NAME] [--yes]",
  options: { target: targetOption, yes: yesOption },
  exitCodes: ["0  the rotation was aborted", "1  it could not be (the message says what state things are in)"],
  async run(context, args) {
    const target = await context.target(stringValue(args.values.target));
    const core = await context.core();
    const open = await describeOpen(context, target);
    if (!open) {
      context.out(`No rotation of "${target.name}" is open: nothing to abort.\n`);
      return EXIT.ok;
    }
    if (!args.values.yes && !(await confirmOrDecline(context, `Abort the rotation of "${target.name}"?`))) {
      context.err("Nothing changed.\n");
      return EXIT.error;
    }
    const rotationConsole = new RotationConsole(context, { yes: true, signal: new AbortController().signal });
    const final = await core.engine.abort(target, { onSnapshot: rotationConsole.onSnapshot });
    return rotationConsole.summarize(final, false);
  },
};

export const ROTATION_COMMANDS: CommandDef[] = [rotateCommand, finishCommand, resumeCommand, abortCommand];

type Callbacks = Parameters<Awaited<ReturnType<CliContext["core"]>>["engine"]["resume"]>[1];

/** Runs one engine call with the terminal's confirm/progress, Ctrl-C handling and the summary. */
async function drive(
  context: CliContext,
  args: ParsedArgs,
  target: Target,
  begin: (core: Awaited<ReturnType<CliContext["core"]>>, callbacks: Callbacks) => Promise<RotationRun>,
): Promise<number> {
  const core = await context.core();
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) {
      context.err("\nStopping right away. Run `cdp-key-rotator resume` to carry on.\n");
      process.exit(EXIT.interrupted);
    }
    context.err("\nStopping at the next safe point (Ctrl-C again to quit at once)…\n");
    controller.abort(new Error("interrupted"));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const rotationConsole = new RotationConsole(context, {
      yes: args.values.yes === true,
      ignoreOldKeyUse: args.values["ignore-old-key-use"] === true,
      signal: controller.signal,
    });
    const run = await begin(core, { confirm: rotationConsole.confirm, onSnapshot: rotationConsole.onSnapshot, signal: controller.signal }).catch(
      (error: unknown) => {
        throw withCommands(error, target);
      },
    );
    const final = await run.finished;
    return rotationConsole.summarize(final, controller.signal.aborted);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** The engine's "resume or abort it first" errors, with the commands that do it. */
function withCommands(error: unknown, target: Target): unknown {
  if (!isAppError(error) || (error.code !== "ROTATION_IN_PROGRESS" && error.code !== "ROTATION_NOT_IN_PROGRESS")) return error;
  const name = quoteName(target.name);
  const commands =
    error.code === "ROTATION_NOT_IN_PROGRESS"
      ? `cdp-key-rotator rotate --target ${name}`
      : /pending-deletion/.test(error.message)
        ? `cdp-key-rotator finish --target ${name} (or abort --target ${name})`
        : `cdp-key-rotator resume --target ${name} (or abort --target ${name})`;
  return new AppError({ ...error.toData(), action: `${error.action ?? ""} Run: ${commands}`.trim() });
}

/** Prints the open rotation's state (resume, finish, abort); null when none is open. */
async function describeOpen(context: CliContext, target: Target): Promise<RotationSnapshot | null> {
  const core = await context.core();
  const open = await core.engine.get(target.id);
  if (open) context.out(`Rotation of ${quoteName(target.name)} (${open.status}): ${open.stateMessage}\n`);
  return open;
}
