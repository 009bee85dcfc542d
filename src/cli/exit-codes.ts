// Exit codes are part of the CLI's contract (monitoring scripts read them).

export const EXIT = {
  ok: 0,
  /** Something failed: an error, a rotation that did not complete, a failed test. */
  error: 1,
  /** Bad command line (unknown command or flag, missing value). */
  usage: 2,
  /** `status`: some key is due soon (shares 2 with usage errors, as documented). */
  dueSoon: 2,
  /** `status`: some key is overdue or Jamf Pro's key drifted. */
  overdue: 3,
  /** Interrupted with Ctrl-C. */
  interrupted: 130,
} as const;
