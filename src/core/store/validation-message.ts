// Turns zod issues into one line a Mac admin can act on: each problem named by its field
// ("jamfUrl: Enter the Jamf Pro URL."), zod's terse defaults rephrased in plain words.
// Never echoes the rejected value: input may be a secret typed in the wrong field.
import type { z } from "zod";

type Issue = z.core.$ZodIssue;

export interface FormatZodErrorOptions {
  /** Show at most this many problems, then "and N more". Default: all. */
  maxIssues?: number;
}

/** `["targets", 0, "jamfUrl"]` → `targets[0].jamfUrl`; prefix is put in front of every path. */
export function formatIssuePath(path: readonly PropertyKey[], prefix?: string): string {
  let text = prefix ?? "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text ? `.${String(segment)}` : String(segment);
  }
  return text;
}

/**
 * Each problem as "field: what is wrong", in order; only the first problem of a field (an empty
 * name fails both "required" and "no control characters": the first says what to do).
 */
export function zodProblems(error: z.ZodError, prefix?: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const issue of error.issues) {
    const field = formatIssuePath(issue.path, prefix);
    const key = `${field}\u0000${issue.code === "unrecognized_keys" ? "keys" : ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const words = stripFinalPeriod(plainWords(issue));
    problems.push(field ? `${field}: ${words}` : words);
  }
  return problems;
}

/** "name: Give the Jamf Pro instance a name; jamfUrl: Enter the Jamf Pro URL." */
export function formatZodError(error: z.ZodError, prefix?: string, options: FormatZodErrorOptions = {}): string {
  const problems = zodProblems(error, prefix);
  const max = options.maxIssues ?? problems.length;
  const shown = problems.slice(0, Math.max(1, max));
  const rest = problems.length - shown.length;
  const text = shown.join("; ");
  return rest > 0 ? `${text}; and ${rest} more problem${rest === 1 ? "" : "s"}.` : `${text}.`;
}

const DEFAULT_MESSAGE = /^(Invalid|Too small|Too big|Unrecognized key)/;

function plainWords(issue: Issue): string {
  // Messages written in our schemas are already plain words; only zod's defaults are rephrased.
  if (!DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type": {
      if (/received undefined/.test(issue.message)) return "is required";
      return `must be ${describeType(issue.expected)}`;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union": {
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options) && options.length > 0) {
        return `must be one of ${options.map((v) => JSON.stringify(v)).join(", ")}`;
      }
      return "does not match any of the allowed shapes";
    }
    case "unrecognized_keys":
      return `unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    case "too_small":
      return sizeWords("at least", issue.origin, issue.minimum);
    case "too_big":
      return sizeWords("at most", issue.origin, issue.maximum);
    case "invalid_format":
      if (issue.format === "datetime") return "must be a date and time such as 2025-01-31T12:00:00.000Z";
      if (issue.format === "url") return "must be a full URL such as https://example.com";
      if (issue.format === "uuid") return "must be an id such as 3f2b8c1e-…";
      return `is not a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

function describeType(expected: string): string {
  switch (expected) {
    case "string":
      return "text";
    case "number":
    case "int":
      return "a number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
      return "an object";
    default:
      return `a ${expected}`;
  }
}

function sizeWords(bound: string, origin: string, limit: number | bigint): string {
  const n = String(limit);
  switch (origin) {
    case "string":
      return `must be ${bound} ${n} character${n === "1" ? "" : "s"} long`;
    case "array":
    case "set":
      return `must have ${bound} ${n} item${n === "1" ? "" : "s"}`;
    default:
      return `must be ${bound} ${n}`;
  }
}

function stripFinalPeriod(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
}
