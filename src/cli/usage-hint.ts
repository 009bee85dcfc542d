import { PROGRAM } from "./help";

export function commandHelpHint(command: string | null): string {
  return `Run "${PROGRAM}${command ? ` ${command}` : ""} --help" for usage.`;
}
