// Every failure the same way: what went wrong, what to do next, details only with --verbose.
// Never a stack trace: anything unknown becomes INTERNAL through toErrorData.
import { toErrorData, type AppErrorData } from "../shared/errors";
import { commandHelpHint } from "./usage-hint";
import type { OutStream } from "./io";
import type { Style } from "./style";
import { UsageError } from "./usage-error";

export function reportError(stream: OutStream, style: Style, error: unknown, verbose: boolean): void {
  if (error instanceof UsageError) {
    stream.write(`${style.red("Error:")} ${error.message}\n${commandHelpHint(error.command)}\n`);
    return;
  }
  printErrorData(stream, style, toErrorData(error), verbose);
}

export function printErrorData(stream: OutStream, style: Style, data: AppErrorData, verbose: boolean, label = "Error:"): void {
  let text = `${style.red(label)} ${data.message}\n`;
  if (data.action) text += `${style.bold("What to do:")} ${data.action}\n`;
  if (data.details) {
    text += verbose ? `${style.dim(`Details (${data.code}): ${data.details}`)}\n` : style.dim("Run again with --verbose for details.") + "\n";
  } else if (verbose) {
    text += `${style.dim(`Code: ${data.code}`)}\n`;
  }
  stream.write(text);
}
