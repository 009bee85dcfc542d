// An app opened from Finder or at login gets launchd's PATH (/usr/bin:/bin:/usr/sbin:/sbin), not
// the one the admin's shell builds: credential_process helpers installed with Homebrew
// (/opt/homebrew/bin/aws-vault, granted, saml2aws) would not be found. So the app asks the login
// shell for its PATH once at start, with a timeout, and puts those folders first.
import { spawn } from "node:child_process";
import type { Logger } from "../ports";
import { silentLogger } from "../ports";

/** Runs `shell args…` in `env` and resolves with its stdout; rejects on failure or after timeoutMs. */
export type ShellRunner = (shell: string, args: readonly string[], timeoutMs: number, env: Readonly<Record<string, string | undefined>>) => Promise<string>;

export const LOGIN_SHELL_TIMEOUT_MS = 3_000;
const MARK = "__CDP_KEY_ROTATOR_PATH__";
/** Profiles may print banners (motd, oh-my-zsh): the PATH is read between two markers. */
const SCRIPT = `printf '%s%s%s' '${MARK}' "$PATH" '${MARK}'`;

export interface LoginShellPathOptions {
  env: Readonly<Record<string, string | undefined>>;
  run?: ShellRunner;
  timeoutMs?: number;
  logger?: Logger;
}

/** The login shell's PATH folders first, then the current ones it lacks; null when it cannot be read. */
export async function resolveLoginShellPath(options: LoginShellPathOptions): Promise<string | null> {
  const logger = options.logger ?? silentLogger;
  const shell = options.env["SHELL"]?.trim() || "/bin/zsh";
  if (!shell.startsWith("/")) return null;
  let output: string;
  try {
    output = await (options.run ?? execFileRunner)(shell, ["-ilc", SCRIPT], options.timeoutMs ?? LOGIN_SHELL_TIMEOUT_MS, options.env);
  } catch (error) {
    logger.log("warn", "Could not read the login shell's PATH; credential helpers need absolute paths", {
      shell,
      reason: error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error),
    });
    return null;
  }
  const start = output.indexOf(MARK);
  const end = output.indexOf(MARK, start + MARK.length);
  if (start < 0 || end < 0) return null;
  const shellPath = output.slice(start + MARK.length, end);
  return mergePaths(shellPath, options.env["PATH"] ?? "");
}

/** Folders of `first` then of `second`, each once, absolute ones only. */
export function mergePaths(first: string, second: string): string | null {
  const seen = new Set<string>();
  for (const dir of [...first.split(":"), ...second.split(":")]) if (dir.startsWith("/")) seen.add(dir);
  return seen.size > 0 ? [...seen].join(":") : null;
}

/** Sets env.PATH to the login shell's PATH (merged); says whether it changed anything. */
export async function adoptLoginShellPath(env: Record<string, string | undefined>, options: Omit<LoginShellPathOptions, "env"> = {}): Promise<boolean> {
  const merged = await resolveLoginShellPath({ ...options, env });
  if (!merged || merged === env["PATH"]) return false;
  env["PATH"] = merged;
  return true;
}

/**
 * The shell runs in its own process group, killed whole on timeout: a profile that hangs in a
 * grandchild (a keychain prompt, a network call) must not keep the app waiting on its pipe.
 */
export const execFileRunner: ShellRunner = (shell, args, timeoutMs, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(shell, [...args], { env: { ...env }, stdio: ["ignore", "pipe", "ignore"], detached: true });
    let stdout = "";
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(stdout);
    };
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      finish(new Error(`${shell} did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (stdout.length < 1024 * 1024) stdout += chunk;
    });
    child.on("error", (error) => finish(error));
    child.on("exit", (code) => finish(code === 0 ? null : new Error(`${shell} exited with ${code ?? "a signal"}`)));
  });
