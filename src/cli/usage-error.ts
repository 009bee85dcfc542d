// A mistake on the command line: exit 2 with a short message and where to find help.

export class UsageError extends Error {
  /** The command whose --help to suggest, e.g. "targets add"; null for the top level. */
  readonly command: string | null;

  constructor(message: string, command: string | null = null) {
    super(message);
    this.name = "UsageError";
    this.command = command;
  }
}
