// The CLI inside the app: `/usr/local/bin/cdp-key-rotator` (the pkg's shim) starts the app's own
// signed binary with `--cli`, so Keychain items have one owner (the app)
// and no Node is needed on the Mac. This is plain Electron main-process code, not ELECTRON_RUN_AS_NODE,
// so it works with the RunAsNode fuse off. Decided before any window, tray or protocol exists.

export const CLI_FLAG = "--cli";

/**
 * The CLI's own arguments (everything after `--cli`) when the app was started in CLI mode; null for
 * the menu-bar app. Only the flag selects it: an environment variable inherited by a child process
 * must not turn a launch from Finder into a CLI run that prints to nowhere.
 */
export function cliModeArgs(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_FLAG, 1);
  return at >= 0 ? argv.slice(at + 1) : null;
}

export interface CliHost {
  dock?: { hide(): void } | undefined;
  exit(code: number): void;
}

/** Runs the CLI core with the process's stdin/stdout/stderr, then exits the app with its code. */
export async function runCliMode(args: string[], host: CliHost): Promise<void> {
  // No Dock icon or app-switcher entry for a command-line run (LSUIElement covers the bundle; this
  // covers a development run through `electron . --cli`).
  host.dock?.hide();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  let code = 1;
  try {
    const { main } = await import("../cli/main");
    code = await main(args);
  } catch (error) {
    process.stderr.write(
      `Error: cdp-key-rotator could not start (${error instanceof Error ? error.message : String(error)}).\n` +
        "What to do: reinstall CDP Key Rotator, then run the command again.\n",
    );
  }
  // Let buffered output reach a pipe before exiting; keep-alive sockets must not hold the process.
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write("", () => resolve()))));
  host.exit(code);
}
