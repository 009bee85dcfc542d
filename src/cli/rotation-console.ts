// The rotation in a terminal: each step that changes something is described and confirmed (or
// confirmed by --yes), every step's outcome is printed once, the waits show live progress, and the
// end says in words what state AWS and Jamf Pro were left in and which command comes next.
import type { RecoveryAction, RotationSnapshot, RotationStepId, StepStatus, StepView } from "../shared/domain";
import { assertNever } from "../shared/errors";
import { maskKeyId } from "../shared/mask";
import { formatDay } from "../shared/when";
import { questionLines } from "../core/rotation/step-questions";
import { confirmOrDecline } from "./confirm";
import type { CliContext } from "./context";
import { EXIT } from "./exit-codes";
import { ProgressLine } from "./progress";
import { printErrorData } from "./report-error";
import { quoteName } from "./status-view";

const FINAL_STEP_STATES: ReadonlySet<StepStatus> = new Set(["done", "skipped", "declined", "failed", "rolled-back"]);

export class RotationConsole {
  private readonly seen = new Map<RotationStepId, StepStatus>();
  private readonly progress: ProgressLine;
  private started = false;

  constructor(
    private readonly context: CliContext,
    private readonly options: { yes: boolean; ignoreOldKeyUse?: boolean; signal: AbortSignal },
  ) {
    this.progress = new ProgressLine(context.io.stdout);
  }

  /** The engine's confirm(step): the question in full, then ask (or say --yes answered). */
  readonly confirm = async (step: StepView): Promise<boolean> => {
    const { style } = this.context;
    this.progress.clear();
    const question = step.question;
    if (question) {
      const body = questionLines(question).slice(1);
      const head = question.severity === "warning" ? style.yellow(`Warning: ${question.title}`) : question.title;
      this.context.out(`\n${style.bold(head)}\n${body.map((line) => wrap(line, "  ")).join("\n")}\n`);
    } else {
      this.context.out(`\n${style.bold(step.title)}\n${wrap(step.description, "  ")}\n`);
    }
    if (this.options.yes) {
      // --yes confirms the planned steps, not a warning that something else still uses the old key.
      if (question?.severity === "warning" && !this.options.ignoreOldKeyUse) {
        this.context.out(style.yellow("  Not continuing: --yes does not accept this warning. Add --ignore-old-key-use to accept it, or answer it interactively.") + "\n");
        return false;
      }
      this.context.out(style.dim("  Confirmed by --yes.") + "\n");
      return true;
    }
    if (this.options.signal.aborted) return false;
    return Promise.race([
      confirmOrDecline(this.context, `  ${question?.severity === "warning" ? `${question.approveLabel}? (no: ${question.declineLabel.toLowerCase()})` : "Go ahead?"}`),
      new Promise<boolean>((resolve) => this.options.signal.addEventListener("abort", () => resolve(false), { once: true })),
    ]);
  };

  /** The engine's onSnapshot: print each step's outcome once, and the progress of waits. */
  readonly onSnapshot = (snapshot: RotationSnapshot): void => {
    const { style } = this.context;
    if (!this.started) {
      this.started = true;
      for (const step of snapshot.steps) this.seen.set(step.id, step.status);
    }
    for (const step of snapshot.steps) {
      const before = this.seen.get(step.id);
      if (before === step.status) continue;
      this.seen.set(step.id, step.status);
      if (step.status === "running" && !step.changes) {
        this.progress.clear();
        this.context.out(`\n${style.bold(step.title)}\n`);
      }
      if (!FINAL_STEP_STATES.has(step.status)) continue;
      this.progress.clear();
      const text = step.status === "failed" ? (step.error?.message ?? step.result) : step.result;
      this.context.out(`${stepMark(step.status, style)} ${text ?? statusWord(step.status)}\n`);
      if (step.error && step.status !== "failed") this.context.out(`  ${style.yellow(step.error.message)}\n`);
    }
    if (snapshot.progress) {
      this.progress.update(snapshot.progress.message);
    } else {
      this.progress.clear();
    }
  };

  /** Prints how the run ended; returns the exit code. */
  summarize(final: RotationSnapshot, interrupted: boolean): number {
    const { style } = this.context;
    this.progress.clear();
    const name = quoteName(final.targetName);
    this.context.out("\n");
    switch (final.status) {
      case "completed":
        this.context.out(`${style.green("Done.")} ${final.stateMessage}\n`);
        return EXIT.ok;
      case "pending-deletion":
        if (final.error) {
          // finish stopped before deleting (the old key was reactivated or used again).
          this.context.err(`${style.red("The old key was not deleted.")}\n`);
          printErrorData(this.context.io.stderr, this.context.errStyle, final.error, this.context.verbose, "Problem:");
          this.context.err(`${style.bold("State now:")} ${final.stateMessage}\n`);
          this.printNext(final);
          return EXIT.error;
        }
        this.context.out(`${style.green("Done for now.")} ${final.stateMessage}\n`);
        if (final.deleteOldAfter) {
          this.context.out(`Delete the old key ${maskKeyId(final.oldKeyId)} after ${formatDay(final.deleteOldAfter, "local")} with: cdp-key-rotator finish --target ${name}\n`);
        }
        return EXIT.ok;
      case "aborted":
        this.context.out(`${style.yellow("Aborted.")} ${final.stateMessage}\n`);
        this.printNext(final);
        return EXIT.ok;
      case "failed":
      case "declined":
      case "interrupted":
      case "running":
      case "awaiting-confirmation": {
        const label = final.status === "declined" ? "Stopped: you declined a step." : final.status === "interrupted" ? "Stopped before the end (interrupted)." : "The rotation did not complete.";
        this.context.err(`${style.red(label)}\n`);
        if (final.error) printErrorData(this.context.io.stderr, this.context.errStyle, final.error, this.context.verbose, "Problem:");
        this.context.err(`${style.bold("State now:")} ${final.stateMessage}\n`);
        this.printNext(final);
        return interrupted ? EXIT.interrupted : EXIT.error;
      }
      default:
        return assertNever(final.status, "rotation status");
    }
  }

  private printNext(final: RotationSnapshot): void {
    const commands = [...new Set(final.recovery.map((action) => recoveryCommand(action, quoteName(final.targetName))))];
    if (commands.length === 0) return;
    this.context.err(`${this.context.errStyle.bold("Next:")}\n${commands.map((c) => `  ${c}`).join("\n")}\n`);
  }
}

export function recoveryCommand(action: RecoveryAction, name: string): string {
  switch (action) {
    case "retry":
      return `cdp-key-rotator rotate --target ${name}        (start again)`;
    case "resume":
    case "continue":
      return `cdp-key-rotator resume --target ${name}        (carry on from where it stopped)`;
    case "retry-verify":
      return `cdp-key-rotator resume --target ${name}        (check Jamf Pro with the new key again)`;
    case "rollback":
    case "abort":
      return `cdp-key-rotator abort --target ${name}         (undo what is safe to undo and close the rotation)`;
    case "finish":
      return `cdp-key-rotator finish --target ${name}        (delete the old key)`;
    case "close-record":
      return `cdp-key-rotator abort --target ${name}         (close the rotation's record; changes nothing in AWS or Jamf Pro)`;
    default:
      return assertNever(action, "recovery action");
  }
}

function stepMark(status: StepStatus, style: CliContext["style"]): string {
  switch (status) {
    case "done":
      return style.green("  ✓");
    case "skipped":
      return style.dim("  –");
    case "declined":
      return style.yellow("  ✗");
    case "failed":
      return style.red("  ✗");
    case "rolled-back":
      return style.yellow("  ↺");
    default:
      return "  ·";
  }
}

function statusWord(status: StepStatus): string {
  return status.replace("-", " ");
}

/** Wraps a paragraph at about 96 columns with a left margin. */
function wrap(text: string, margin: string): string {
  const width = 96;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(margin + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(margin + line);
  return lines.join("\n");
}
