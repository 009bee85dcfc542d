// A property list written as Apple's XML format (the format Jamf Pro and `profiles` accept for a
// .mobileconfig). Only the types a profile needs; keys keep the order given, so output is stable.
export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

const HEADER =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
  '<plist version="1.0">\n';

/** The whole document, ending in a newline. Numbers must be whole: a profile has no <real> here. */
export function toPlistXml(value: PlistValue): string {
  return `${HEADER}${element(value, 0)}</plist>\n`;
}

function element(value: PlistValue, depth: number): string {
  const pad = "\t".repeat(depth);
  if (typeof value === "string") return `${pad}<string>${escapeXml(value)}</string>\n`;
  if (typeof value === "boolean") return `${pad}<${value ? "true" : "false"}/>\n`;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`A property list integer must be whole, not ${value}.`);
    return `${pad}<integer>${value}</integer>\n`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return `${pad}<array/>\n`;
    return `${pad}<array>\n${value.map((item) => element(item, depth + 1)).join("")}${pad}</array>\n`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return `${pad}<dict/>\n`;
  const body = entries.map(([key, item]) => `${pad}\t<key>${escapeXml(key)}</key>\n${element(item, depth + 1)}`).join("");
  return `${pad}<dict>\n${body}${pad}</dict>\n`;
}

function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these characters at all
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) throw new Error("A property list string cannot contain control characters.");
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
