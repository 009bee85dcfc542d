// --help texts, generated from the command definitions so they never disagree with the parser.
import { GLOBAL_OPTIONS, type OptionDefs } from "./args";
import { commandName, type CommandDef } from "./command";

export const PROGRAM = "cdp-key-rotator";

export function topHelp(commands: CommandDef[]): string {
  const width = Math.max(...commands.map((c) => commandName(c).length));
  const lines = [
    `${PROGRAM} — rotate the AWS access key behind a Jamf Pro cloud distribution point.`,
    "",
    `Usage: ${PROGRAM} <command> [options]`,
    "",
    "Commands:",
    ...commands.map((c) => `  ${commandName(c).padEnd(width)}  ${c.summary}`),
    "",
    "Options for every command:",
    ...optionLines(GLOBAL_OPTIONS),
    "  --version           Print the version.",
    "",
    "Secrets are never taken from the command line: the Jamf Pro secret comes from the Keychain,",
    "JAMF_CLIENT_SECRET / JAMF_PASSWORD in the environment, or a hidden prompt.",
    `The data folder is the app's (CDP_KEY_ROTATOR_HOME overrides it). AWS credentials come from the`,
    "target's profile or the SDK's default chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, SSO ...).",
    "",
    `Run "${PROGRAM} <command> --help" for a command's options.`,
  ];
  return lines.join("\n") + "\n";
}

export function groupHelp(group: string, commands: CommandDef[]): string {
  const members = commands.filter((c) => c.path[0] === group);
  const width = Math.max(...members.map((c) => commandName(c).length));
  return [
    `Usage: ${PROGRAM} ${group} <${members.map((c) => c.path[1]).join("|")}> [options]`,
    "",
    ...members.map((c) => `  ${commandName(c).padEnd(width)}  ${c.summary}`),
    "",
    `Run "${PROGRAM} ${group} <command> --help" for a command's options.`,
  ].join("\n") + "\n";
}

export function commandHelp(command: CommandDef): string {
  const lines = [`Usage: ${PROGRAM} ${commandName(command)}${command.usage ? ` ${command.usage}` : ""}`, "", command.summary];
  if (command.description) lines.push("", command.description);
  if (command.positionals?.length) {
    lines.push("", "Arguments:");
    const width = Math.max(...command.positionals.map((p) => p.name.length));
    for (const p of command.positionals) lines.push(`  ${p.name.padEnd(width)}  ${p.description}`);
  }
  if (Object.keys(command.options).length > 0) lines.push("", "Options:", ...optionLines(command.options));
  lines.push("", "Global options:", ...optionLines(GLOBAL_OPTIONS));
  if (command.exitCodes?.length) lines.push("", "Exit codes:", ...command.exitCodes.map((line) => `  ${line}`));
  if (command.examples?.length) lines.push("", "Examples:", ...command.examples.map((line) => `  ${line}`));
  return lines.join("\n") + "\n";
}

function optionLines(options: OptionDefs): string[] {
  const labels = Object.entries(options).map(([name, def]) => {
    const short = def.short ? `-${def.short}, ` : "";
    const value = def.type === "string" ? ` ${def.value ?? "VALUE"}` : "";
    return [`${short}--${name}${value}`, def.description] as const;
  });
  const width = Math.max(18, ...labels.map(([label]) => label.length));
  return labels.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`);
}
