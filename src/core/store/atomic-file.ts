// Every file the app writes goes through here: a temp file in the same folder, written and fsynced,
// then renamed over the target and the folder fsynced. After a crash at any instant the file holds
// either the old or the new content, never a mix. Reads validate with zod and never modify the file.
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { z } from "zod";
import { AppError } from "../../shared/errors";
import { formatZodError } from "./validation-message";

export interface WriteFileAtomicOptions {
  /** File mode of the written file (default 0o600: only the user can read it). */
  mode?: number;
}

export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o600;
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx", mode);
    try {
      await handle.writeFile(content);
      // The mode given to open() is filtered by the umask; set it exactly.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw fileWriteError(error, path);
  }
  await syncFolder(dir);
}

export async function writeJsonAtomic(path: string, value: unknown, options: WriteFileAtomicOptions = {}): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}

/**
 * Reads and validates a JSON file. Absent → null. Unreadable, not JSON, or not matching the schema →
 * AppError CONFIG_INVALID naming the file and the first problems. The file is left untouched.
 */
/** `caution`: what moving this kind of file aside means, added to the advice on a damaged file. */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>, what: string, caution?: string): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return null;
    if (errnoCode(error) === "EISDIR") {
      throw new AppError({
        code: "CONFIG_INVALID",
        message: `The ${what} file ${path} is a folder, not a file.`,
        action: `Move that folder aside (e.g. rename it to ${basename(path)}.bak) so the app can keep its ${what} file there, then try again.`,
      });
    }
    throw new AppError(
      {
        code: "CONFIG_INVALID",
        message: `The ${what} file ${path} cannot be read (${describeErrno(error)}).`,
        action: `Check that the file belongs to you and is readable (e.g. chmod 600 "${path}"), then try again.`,
      },
      { cause: error },
    );
  }
  const keepAction = `The app has not changed the file. Fix it in a text editor, or move it aside (e.g. rename it to ${basename(path)}.bak) to start with an empty one.${caution ? ` ${caution}` : ""}`;
  if (text.trim() === "") {
    throw new AppError({ code: "CONFIG_INVALID", message: `The ${what} file ${path} is empty.`, action: keepAction });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AppError({
      code: "CONFIG_INVALID",
      message: `The ${what} file ${path} is not valid JSON (${describeJsonError(error, text)}).`,
      action: keepAction,
    });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AppError({
      code: "CONFIG_INVALID",
      message: `The ${what} file ${path} has problems: ${formatZodError(parsed.error, undefined, { maxIssues: 3 })}`,
      action: keepAction,
    });
  }
  return parsed.data;
}

/** Creates a folder of the data folder (0700) if needed; a failure says why, in words, naming the folder. */
export async function ensureFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true, mode: 0o700 });
  } catch {
    // A recursive mkdir under a read-only folder can report ENOENT; the plain call gives the real reason.
    const real = await mkdir(path, { mode: 0o700 }).then(
      () => null,
      (plain: unknown) => (errnoCode(plain) === "EEXIST" ? null : plain),
    );
    if (real !== null) throw fileWriteError(real, path, `Could not create the folder ${path}`, "");
  }
}

/** fsync a folder so a rename in it survives power loss. Not supported everywhere (Windows): best effort. */
export async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // EISDIR / EPERM / EINVAL on platforms that cannot fsync a directory.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export function errnoCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

export function describeErrno(error: unknown): string {
  switch (errnoCode(error)) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOSPC":
      return "the disk is full";
    case "EROFS":
      return "the disk is read-only";
    case "ENOENT":
      return "the folder does not exist";
    case "EISDIR":
      return "it is a folder, not a file";
    case "ENOTDIR":
      return "part of the path is a file, not a folder";
    case "EDQUOT":
      return "the disk quota is exceeded";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** JSON.parse's message without the snippet of file content V8 quotes (it could be anything). */
function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const words = message.replace(/,\s*".*?"(\.\.\.)? is not valid JSON$/s, "").replace(/ in JSON at position \d+.*$/s, "");
  const position = /at position (\d+)/.exec(message);
  if (position?.[1] !== undefined) {
    const before = text.slice(0, Number(position[1]));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    return `${words} at line ${line}, column ${column}`;
  }
  return words;
}

function fileWriteError(error: unknown, path: string, what = `Could not save ${path}`, kept = " The previous version of the file is unchanged."): AppError {
  if (error instanceof AppError) return error;
  const reason = describeErrno(error);
  const code = errnoCode(error);
  const action =
    code === "ENOSPC" || code === "EDQUOT"
      ? `Free some disk space and try again.${kept}`
      : `Check that the folder ${dirname(path)} exists, belongs to you and is writable, or set CDP_KEY_ROTATOR_HOME to a folder you can write.${kept}`;
  return new AppError(
    { code: "INTERNAL", message: `${what} (${reason}).`, action, details: code },
    { cause: error },
  );
}
