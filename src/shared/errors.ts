// Error codes shared by core, main, cli and renderer. Errors cross process boundaries as plain
// data (AppErrorData); AppError is the throwable form used inside one process.

export const ERROR_CODES = [
  // input and configuration
  "INVALID_INPUT",
  "TARGET_NOT_FOUND",
  "TARGET_EXISTS",
  "CONFIG_INVALID",
  "SECRET_MISSING",
  "KEYCHAIN_UNAVAILABLE",
  // AWS
  "AWS_ACCESS_DENIED",
  "AWS_LIMIT_EXCEEDED",
  "AWS_NO_SUCH_ENTITY",
  "AWS_INVALID_KEY",
  "AWS_SIGNATURE_MISMATCH",
  "AWS_EXPIRED_TOKEN",
  "AWS_NO_CREDENTIALS",
  "AWS_MFA_REQUIRED",
  // IAM Identity Center: no (or an expired) sign-in for an SSO profile; the admin can sign in from the app or `login`.
  "AWS_SSO_SIGN_IN_REQUIRED",
  "AWS_SSO_CANCELLED",
  "AWS_THROTTLED",
  "AWS_ERROR",
  // Jamf Pro
  "JAMF_BAD_URL",
  "JAMF_AUTH_FAILED",
  "JAMF_PASSWORD_EXPIRED",
  "JAMF_FORBIDDEN",
  "JAMF_VERSION_UNSUPPORTED",
  "JAMF_CDP_NOT_AWS",
  "JAMF_CDP_NOT_FOUND",
  "JAMF_VALIDATION",
  /** Kept for journals written before the TLS_* codes; no longer produced. */
  "JAMF_TLS",
  "JAMF_ERROR",
  // shared transport
  "NETWORK",
  "TIMEOUT",
  // TLS, to Jamf Pro or AWS (see core/net/transport-failure.ts)
  "TLS_UNTRUSTED",
  "TLS_EXPIRED",
  "TLS_HOSTNAME_MISMATCH",
  "TLS_FAILED",
  // rotation
  "ROTATION_LOCKED",
  "ROTATION_IN_PROGRESS",
  "ROTATION_NOT_IN_PROGRESS",
  "ROTATION_DECLINED",
  "ROTATION_PREFLIGHT_FAILED",
  "ROTATION_PROPAGATION_TIMEOUT",
  "ROTATION_JAMF_VERIFY_FAILED",
  "ROTATION_OLD_KEY_IN_USE",
  "ROTATION_ABORTED",
  "TWO_ACTIVE_KEYS",
  "DRIFT",
  /** Another configured instance's Jamf Pro holds the same key (a shared IAM user). */
  "ROTATION_SHARED_KEY",
  // app
  "IPC_FORBIDDEN",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What crosses IPC, the CLI's --json output and the audit log. Never contains a secret. */
export interface AppErrorData {
  code: ErrorCode;
  /** What went wrong, in words a Mac admin understands. */
  message: string;
  /** What to do next. */
  action?: string;
  /** Extra detail for --verbose / "More info" (never a secret, never a stack trace). */
  details?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly action: string | undefined;
  readonly details: string | undefined;

  constructor(data: AppErrorData, options?: { cause?: unknown }) {
    super(data.message, options);
    this.name = "AppError";
    this.code = data.code;
    this.action = data.action;
    this.details = data.details;
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message };
    if (this.action !== undefined) data.action = this.action;
    if (this.details !== undefined) data.details = this.details;
    return data;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Turns anything thrown into plain error data a person can read; unknown errors become INTERNAL. */
export function toErrorData(error: unknown): AppErrorData {
  if (isAppError(error)) return error.toData();
  const fileProblem = fileErrorData(error);
  if (fileProblem) return fileProblem;
  const text = error instanceof Error ? error.message : String(error);
  return {
    code: "INTERNAL",
    message: "Something unexpected went wrong.",
    action: "Try again. If it keeps happening, run with --verbose and report the details.",
    details: text,
  };
}

const FILE_REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the disk is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exceeded",
  ENOTDIR: "part of the path is a file, not a folder",
  EISDIR: "it is a folder, not a file",
  EEXIST: "something else is already there",
};

/**
 * A file-system failure (Node's errors carry code, syscall and path) in words: which path, why,
 * and what to do, instead of "something unexpected". Advice to change permissions names the folder.
 */
function fileErrorData(error: unknown): AppErrorData | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, path, syscall } = error as { code?: unknown; path?: unknown; syscall?: unknown };
  if (typeof code !== "string" || typeof path !== "string" || typeof syscall !== "string") return null;
  const reason = FILE_REASONS[code];
  if (!reason) return null;
  const reads = syscall === "read" || syscall === "scandir" || syscall === "stat" || syscall === "lstat";
  const folder = syscall === "mkdir" || syscall === "scandir" ? path : path.slice(0, Math.max(path.lastIndexOf("/"), 1));
  const action =
    code === "ENOSPC" || code === "EDQUOT"
      ? "Free some disk space, then try again."
      : code === "EACCES" || code === "EPERM"
        ? `Make the folder ${folder} yours and writable (for example: chmod u+rwx "${folder}"), or set CDP_KEY_ROTATOR_HOME to a folder you can write, then try again.`
        : code === "EROFS"
          ? "Set CDP_KEY_ROTATOR_HOME to a folder on a writable disk, then try again."
          : `Move aside whatever is at ${path} that should not be there, or set CDP_KEY_ROTATOR_HOME to another folder, then try again.`;
  return { code: "CONFIG_INVALID", message: `Could not ${reads ? "read" : "write"} ${path} (${reason}).`, action, details: `${syscall} ${code}` };
}

/** For exhaustive switches: a new union member becomes a compile error. */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
