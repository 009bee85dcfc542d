// XML the AWS Query protocol (IAM, STS) and S3 answer with.

export function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[ch] ?? ch);
}

/** A value tree turned into elements: objects become nested elements, arrays become <member> lists. */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlValue[] | { [name: string]: XmlValue };

export function toXml(value: XmlValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return escapeXml(value.toISOString());
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join("");
  if (typeof value === "object") {
    return Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .map(([name, child]) => `<${name}>${toXml(child)}</${name}>`)
      .join("");
  }
  return escapeXml(String(value));
}

export const IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
export const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
export const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

export function queryResponse(action: string, namespace: string, result: { [name: string]: XmlValue } | null, requestId: string): string {
  const body = result === null ? "" : `<${action}Result>${toXml(result)}</${action}Result>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}">` +
    `${body}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function queryError(type: string, code: string, message: string, requestId: string, namespace: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${namespace}"><Error><Type>${escapeXml(type)}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

export function s3Error(code: string, message: string, requestId: string, extra: Record<string, string> = {}): string {
  const extraXml = Object.entries(extra)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>${extraXml}<RequestId>${requestId}</RequestId></Error>`;
}
