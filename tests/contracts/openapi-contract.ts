// Validates HTTP exchanges against the project's OpenAPI 3.0 contract with ajv. OpenAPI schemas
// are not quite JSON Schema, so each one is converted per direction: `nullable` becomes a null
// type, readOnly properties are not required in requests, writeOnly properties are not required
// in responses and must be absent there (a GET that returns `password` fails).
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import { parse } from "yaml";

type Json = Record<string, unknown>;
export type Direction = "request" | "response";

export interface ExchangeToCheck {
  method: string;
  /** Full request path without query, e.g. "/api/v1/cloud-distribution-point". */
  path: string;
  requestContentType?: string;
  /** Parsed request body (JSON, or the fields of a form). */
  requestBody?: unknown;
  status: number;
  responseContentType?: string;
  /** Parsed JSON response, the raw text when not JSON, or undefined when empty. */
  responseBody?: unknown;
}

const DROP = new Set(["example", "examples", "format", "readOnly", "writeOnly", "nullable", "discriminator", "xml", "externalDocs", "deprecated"]);

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** OpenAPI 3.0 schema → JSON Schema for one direction. */
export function toJsonSchema(schema: unknown, direction: Direction): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, direction));
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === "string") {
    return { $ref: schema.$ref.replace("#/components/schemas/", `#/definitions/`) };
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROP.has(key) || key.startsWith("x-")) continue;
    if (key === "properties" && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, prop]) => [name, toJsonSchema(prop, direction)]));
    } else if (["items", "allOf", "anyOf", "oneOf", "not", "additionalProperties"].includes(key)) {
      out[key] = toJsonSchema(value, direction);
    } else {
      out[key] = value;
    }
  }
  if (schema.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  if (isObject(schema.properties)) {
    const hidden = Object.entries(schema.properties)
      .filter(([, prop]) => isObject(prop) && (direction === "request" ? prop.readOnly === true : prop.writeOnly === true))
      .map(([name]) => name);
    if (Array.isArray(out.required)) {
      const required = (out.required as string[]).filter((name) => !hidden.includes(name));
      if (required.length) out.required = required;
      else delete out.required;
    }
    if (direction === "response") {
      // A write-only property must never come back.
      const props = out.properties as Json;
      for (const [name, prop] of Object.entries(schema.properties)) if (isObject(prop) && prop.writeOnly === true) props[name] = false;
    }
  }
  return out;
}

function baseType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

export class OpenApiContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly serverPrefix: string;

  constructor(private readonly doc: Json) {
    const servers = doc.servers as Array<{ url: string }> | undefined;
    this.serverPrefix = (servers?.[0]?.url ?? "").replace(/\/$/, "");
  }

  static load(file: string): OpenApiContract {
    return new OpenApiContract(parse(readFileSync(file, "utf8")) as Json);
  }

  /** Every (METHOD, full path) the contract declares. */
  operations(): Array<{ method: string; path: string }> {
    const paths = this.doc.paths as Record<string, Json>;
    return Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => ["get", "put", "post", "delete", "patch", "head", "options"].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path: `${this.serverPrefix}${path}` })),
    );
  }

  private operation(method: string, path: string): Json | null {
    if (!path.startsWith(this.serverPrefix)) return null;
    const item = (this.doc.paths as Record<string, Json>)[path.slice(this.serverPrefix.length)];
    const op = item?.[method.toLowerCase()];
    return isObject(op) ? op : null;
  }

  private resolve(value: unknown): Json {
    let current = value;
    for (let i = 0; i < 10 && isObject(current) && typeof current.$ref === "string"; i += 1) {
      const parts = current.$ref.replace(/^#\//, "").split("/");
      current = parts.reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), this.doc);
    }
    return isObject(current) ? current : {};
  }

  private validator(schema: unknown, direction: Direction, key: string): ValidateFunction {
    const cacheKey = `${direction} ${key}`;
    let fn = this.compiled.get(cacheKey);
    if (!fn) {
      const components = ((this.doc.components as Json | undefined)?.schemas ?? {}) as Json;
      const definitions = Object.fromEntries(Object.entries(components).map(([name, s]) => [name, toJsonSchema(s, direction)]));
      fn = this.ajv.compile({ ...(toJsonSchema(schema, direction) as Json), definitions });
      this.compiled.set(cacheKey, fn);
    }
    return fn;
  }

  private check(schema: unknown, direction: Direction, key: string, body: unknown): string[] {
    const validate = this.validator(schema, direction, key);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? "invalid"} ${JSON.stringify(e.params)}`);
  }

  validateRequest(exchange: ExchangeToCheck): string[] {
    const where = `${exchange.method} ${exchange.path}`;
    const op = this.operation(exchange.method, exchange.path);
    if (!op) return [`${where} is not in the contract`];
    const requestBody = op.requestBody ? this.resolve(op.requestBody) : null;
    if (!requestBody) {
      return exchange.requestBody === undefined ? [] : [`${where} sends a body the contract does not declare`];
    }
    if (exchange.requestBody === undefined) return requestBody.required ? [`${where} must send a body`] : [];
    const type = baseType(exchange.requestContentType);
    const media = (requestBody.content as Json | undefined)?.[type];
    if (!isObject(media)) return [`${where} sends ${type || "no content type"}, the contract expects ${Object.keys((requestBody.content as Json) ?? {}).join(" or ")}`];
    return this.check(media.schema, "request", `${where} request ${type}`, exchange.requestBody).map((e) => `${where} request: ${e}`);
  }

  validateResponse(exchange: ExchangeToCheck): string[] {
    const where = `${exchange.method} ${exchange.path} → ${exchange.status}`;
    const op = this.operation(exchange.method, exchange.path);
    if (!op) return [`${exchange.method} ${exchange.path} is not in the contract`];
    const responses = (op.responses ?? {}) as Json;
    const declared = responses[String(exchange.status)] ?? responses.default;
    if (!declared) return [`${where}: status not declared (declared: ${Object.keys(responses).join(", ")})`];
    const response = this.resolve(declared);
    const content = response.content as Json | undefined;
    if (!content) return exchange.responseBody === undefined ? [] : [`${where}: the contract declares no body but one was sent`];
    const type = baseType(exchange.responseContentType);
    const media = content[type];
    if (!isObject(media)) return [`${where}: content type ${type || "(none)"} not declared (${Object.keys(content).join(", ")})`];
    if (typeof exchange.responseBody === "string" && type === "application/json") return [`${where}: body is not JSON`];
    return this.check(media.schema, "response", `${where} ${type}`, exchange.responseBody).map((e) => `${where}: ${e}`);
  }
}
