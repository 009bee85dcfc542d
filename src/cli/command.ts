// What a command is: its name, help and flags, and the function that runs it.
import type { OptionDefs, ParsedArgs, PositionalDef } from "./args";
import type { CliContext } from "./context";

export interface CommandDef {
  /** Words that select it, e.g. ["targets", "add"]. */
  path: string[];
  summary: string;
  /** Usage line after the command words, e.g. "--name NAME --jamf-url URL ...". */
  usage: string;
  /** Longer explanation for --help (plain text, wrapped by hand). */
  description?: string;
  options: OptionDefs;
  positionals?: PositionalDef[];
  examples?: string[];
  /** Exit codes worth documenting for this command. */
  exitCodes?: string[];
  run(context: CliContext, args: ParsedArgs): Promise<number>;
}

export function commandName(command: CommandDef): string {
  return command.path.join(" ");
}
