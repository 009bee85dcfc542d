// JSON the way Jamf Pro writes it: Jackson's DefaultPrettyPrinter ("key" : value, two-space
// indent for objects, arrays inline as "[ a, b ]", empty containers "{ }" and "[ ]"). Clients
// that parse properly do not care; the point is to be byte-for-byte plausible.

export function toJacksonJson(value: unknown): string {
  return write(value, 0);
}

function write(value: unknown, nesting: number): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[ ]";
    // Jackson's array indenter is inline: arrays do not deepen the indentation of what they hold.
    return `[ ${value.map((item) => write(item, nesting)).join(", ")} ]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{ }";
    const inner = "  ".repeat(nesting + 1);
    const fields = entries.map(([key, v]) => `${inner}${JSON.stringify(key)} : ${write(v, nesting + 1)}`);
    return `{\n${fields.join(",\n")}\n${"  ".repeat(nesting)}}`;
  }
  return JSON.stringify(String(value));
}

export interface ApiErrorItem {
  code: string;
  description: string;
  field?: string | null;
}

/** Jamf Pro API error body: {"httpStatus": N, "errors": [{code, description, id, field}]}. */
export function apiErrorBody(httpStatus: number, errors: ApiErrorItem[]): Record<string, unknown> {
  return {
    httpStatus,
    errors: errors.map((e) => ({ code: e.code, description: e.description, id: "0", field: e.field ?? null })),
  };
}

export function apiError(httpStatus: number, code: string, description: string, field: string | null = null): Record<string, unknown> {
  return apiErrorBody(httpStatus, [{ code, description, field }]);
}
