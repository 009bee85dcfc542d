// The `cdp-key-rotator` command line: picks the command, parses its flags, runs it over the core,
// and turns every failure into words plus an exit code. Never prints a stack trace.
import { readFile } from "node:fs/promises";
import { toErrorData } from "../shared/errors";
import { closest, parseCommandArgs } from "./args";
import { commandName, type CommandDef } from "./command";
import { COMMANDS } from "./commands";
import { createContext, type CliContext } from "./context";
import { installCrashGuard } from "./crash-guard";
import { EXIT } from "./exit-codes";
import { commandHelp, groupHelp, PROGRAM, topHelp } from "./help";
import { processIo, type CliIo } from "./io";
import { InterruptedError } from "./prompt";
import { reportError } from "./report-error";
import { colourEnabled, createStyle } from "./style";
import { UsageError } from "./usage-error";

const LEADING_FLAGS = new Set(["-h", "--help", "-v", "--verbose", "--no-color", "--no-keychain", "--version"]);

export async function main(argv: string[], givenIo?: CliIo): Promise<number> {
  const io = givenIo ?? (await processIo());
  const verbose = argv.includes("--verbose") || argv.includes("-v");
  const noColor = argv.includes("--no-color");
  if (!givenIo) installCrashGuard(io, { verbose, noColor });
  let context: CliContext | null = null;
  try {
    const leading: string[] = [];
    let index = 0;
    while (index < argv.length && argv[index]?.startsWith("-")) {
      const flag = argv[index] ?? "";
      if (!LEADING_FLAGS.has(flag)) throw new UsageError(`Unknown option ${flag}. Put command options after the command.`);
      leading.push(flag);
      index += 1;
    }
    const words = argv.slice(index);
    if (words.length === 0) {
      if (leading.includes("--version")) {
        io.stdout.write(`${await version()}\n`);
        return EXIT.ok;
      }
      io.stdout.write(topHelp(COMMANDS));
      return EXIT.ok;
    }
    if (words[0] === "help") return help(io, words.slice(1));
    const { command, rest } = selectCommand(words);
    if (!command) {
      // A group word alone ("targets") or followed by --help.
      const group = words[0] ?? "";
      const asksHelp = rest.includes("--help") || rest.includes("-h") || leading.includes("--help") || leading.includes("-h");
      if (asksHelp) {
        io.stdout.write(groupHelp(group, COMMANDS));
        return EXIT.ok;
      }
      throw new UsageError(`"${group}" needs a subcommand: ${subcommands(group).join(", ")}.`, group);
    }
    const args = parseCommandArgs(commandName(command), [...leading.filter((f) => f !== "--version"), ...rest], command.options, command.positionals ?? []);
    if (args.values.help) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    context = createContext(io, { verbose, noColor, noKeychain: args.values["no-keychain"] === true });
    // The command's name only: its arguments are the admin's business, not the log's.
    context.logger.log("info", "Command started.", { command: commandName(command) });
    const code = await command.run(context, args);
    context.logger.log(code === EXIT.ok ? "info" : "warn", "Command finished.", { command: commandName(command), exitCode: code });
    return code;
  } catch (error) {
    if (context) {
      const data = toErrorData(error);
      context.logger.log("error", "Command failed.", { code: error instanceof InterruptedError ? "INTERRUPTED" : data.code, message: data.message });
    }
    const style = createStyle(colourEnabled(io.stderr, io.env, noColor));
    if (error instanceof InterruptedError) {
      io.stderr.write("Interrupted.\n");
      return EXIT.interrupted;
    }
    reportError(io.stderr, style, error, verbose);
    return error instanceof UsageError ? EXIT.usage : EXIT.error;
  } finally {
    await context?.dispose().catch(() => undefined);
  }
}

function selectCommand(words: string[]): { command: CommandDef | null; rest: string[] } {
  const [first = "", second] = words;
  const groupMembers = subcommands(first);
  if (groupMembers.length > 0) {
    if (second === undefined || second.startsWith("-")) return { command: null, rest: words.slice(1) };
    const command = COMMANDS.find((c) => c.path[0] === first && c.path[1] === second);
    if (!command) {
      const near = closest(second, groupMembers);
      throw new UsageError(`Unknown command "${first} ${second}".${near ? ` Did you mean "${first} ${near}"?` : ""}`, first);
    }
    return { command, rest: words.slice(2) };
  }
  const command = COMMANDS.find((c) => c.path.length === 1 && c.path[0] === first);
  if (!command) {
    const near = closest(first, [...new Set(COMMANDS.map((c) => c.path[0] ?? ""))]);
    throw new UsageError(`Unknown command "${first}".${near ? ` Did you mean "${near}"?` : ""}`);
  }
  return { command, rest: words.slice(1) };
}

function subcommands(group: string): string[] {
  return COMMANDS.filter((c) => c.path.length === 2 && c.path[0] === group).map((c) => c.path[1] ?? "");
}

function help(io: CliIo, words: string[]): number {
  if (words.length === 0) {
    io.stdout.write(topHelp(COMMANDS));
    return EXIT.ok;
  }
  const { command } = selectCommand(words.filter((w) => !w.startsWith("-")));
  io.stdout.write(command ? commandHelp(command) : groupHelp(words[0] ?? "", COMMANDS));
  return EXIT.ok;
}

async function version(): Promise<string> {
  try {
    const text = await readFile(new URL("../../package.json", import.meta.url), "utf8");
    return `${PROGRAM} ${(JSON.parse(text) as { version?: string }).version ?? "unknown"}`;
  } catch {
    return `${PROGRAM} (version unknown)`;
  }
}

