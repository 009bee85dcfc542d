// The command line: which command, its flags and positionals. node:util parseArgs in strict mode
// does the tokenising; this file turns its errors into plain-words usage errors and checks choices.
import { parseArgs } from "node:util";
import { UsageError } from "./usage-error";

export interface OptionDef {
  type: "string" | "boolean";
  short?: string;
  /** Placeholder shown in help, e.g. "NAME". */
  value?: string;
  description: string;
  choices?: readonly string[];
}

export type OptionDefs = Record<string, OptionDef>;

export interface PositionalDef {
  name: string;
  description: string;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Flags every command accepts. */
export const GLOBAL_OPTIONS: OptionDefs = {
  help: { type: "boolean", short: "h", description: "Show help for the command." },
  verbose: { type: "boolean", short: "v", description: "Print more detail, including error details." },
  "no-color": { type: "boolean", description: "Never print colour (NO_COLOR works too)." },
  "no-keychain": {
    type: "boolean",
    description: "Local sandbox only: keep secrets in memory for this one command, never in the Keychain.",
  },
};

/** Flags people try for secrets. Refused with a reason rather than "unknown option". */
const SECRET_FLAG = /^--?(jamf-)?(client-secret|secret|password|pass|secret-access-key|aws-secret-access-key)(=|$)/i;

export function parseCommandArgs(
  command: string,
  argv: string[],
  options: OptionDefs,
  positionals: PositionalDef[],
): ParsedArgs {
  for (const arg of argv) {
    if (arg === "--") break;
    if (SECRET_FLAG.test(arg)) {
      throw new UsageError(
        `Secrets are never taken from the command line (they would end up in shell history and the process list): ${arg.split("=")[0]} is not an option.`,
        command,
      );
    }
  }
  const all = { ...options, ...GLOBAL_OPTIONS };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(all).map(([name, def]) => [name, def.short ? { type: def.type, short: def.short } : { type: def.type }]),
      ),
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(describeParseError(error, all), command);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [name, def] of Object.entries(all)) {
    const value = values[name];
    if (typeof value !== "string") continue;
    if (value.trim() === "" || (value.startsWith("-") && value.length > 1 && def.value)) {
      throw new UsageError(`--${name} needs a value (${def.value ?? "a value"}).`, command);
    }
    if (def.choices && !def.choices.includes(value)) {
      throw new UsageError(`--${name} must be one of ${def.choices.join(", ")} (got "${value}").`, command);
    }
  }
  if (parsed.positionals.length > positionals.length) {
    const extra = parsed.positionals.slice(positionals.length);
    if (extra.some(mightBeSecret)) {
      // Never repeat it: a pasted secret would land in the terminal's scrollback and in logs too.
      throw new UsageError(
        `Unexpected argument${extra.length > 1 ? "s" : ""} (not shown: ${extra.length > 1 ? "one looks" : "it looks"} like it could be a secret). Secrets are never taken from the command line; if you pasted one, remove it from your shell history.`,
        command,
      );
    }
    throw new UsageError(`Unexpected argument${extra.length > 1 ? "s" : ""}: ${extra.join(" ")}.`, command);
  }
  return { values, positionals: parsed.positionals };
}

/** Anything but a short plain word (a name, a flag-like typo) might be a password or key: not echoed. */
function mightBeSecret(arg: string): boolean {
  if (arg.length > 24 || !/^[\w .@:/-]*$/.test(arg)) return true;
  return /[A-Z]/.test(arg) && /[a-z]/.test(arg) && /\d/.test(arg);
}

function describeParseError(error: unknown, options: OptionDefs): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^']*)'/.exec(message)?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const name = flag.replace(/^-+/, "").split("=")[0] ?? "";
      const near = closest(name, Object.keys(options));
      return `Unknown option ${flag || "(unreadable)"}.${near ? ` Did you mean --${near}?` : ""}`;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const name = flag.replace(/^-+/, "").split(/[ ,=]/)[0] ?? "";
      const def = Object.entries(options).find(([long, d]) => long === name || d.short === name);
      if (def && def[1].type === "boolean") return `--${def[0]} does not take a value.`;
      return def ? `--${def[0]} needs a value (${def[1].value ?? "a value"}).` : "An option is missing its value.";
    }
    default:
      return "The command line could not be read.";
  }
}

/** The candidate nearest to `word` when it is a plausible typo, else null. */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}
