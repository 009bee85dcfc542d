import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { targetInputSchema } from "../../shared/domain";
import { formatIssuePath, formatZodError, zodProblems } from "./validation-message";

function errorOf(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  assert.ok(!result.success, "expected the value to be rejected");
  return result.error;
}

describe("formatZodError", () => {
  it("names every field with the schema's own words", () => {
    const error = errorOf(targetInputSchema, { name: "", jamfUrl: "https://x", jamfAuth: { kind: "api-client", clientId: " " }, awsRegion: "Frankfurt" });
    assert.equal(
      formatZodError(error),
      "name: Give the Jamf Pro instance a name; jamfAuth.clientId: Enter the API client ID; awsRegion: Use an AWS region code such as us-east-1.",
    );
  });

  it("rephrases zod's defaults in plain words", () => {
    const schema = z
      .object({
        count: z.number(),
        flag: z.boolean(),
        kind: z.enum(["a", "b"]),
        version: z.literal(1),
        list: z.array(z.string()).min(2),
        short: z.string().max(3),
        when: z.string().datetime(),
        nested: z.object({ missing: z.string() }),
      })
      .strict();
    const problems = zodProblems(
      errorOf(schema, { count: "1", flag: "yes", kind: "c", version: 2, list: ["x"], short: "long", when: "today", nested: {}, extra: 1 }),
    );
    assert.deepEqual(problems, [
      "count: must be a number",
      "flag: must be true or false",
      'kind: must be one of "a", "b"',
      "version: must be 1",
      "list: must have at least 2 items",
      "short: must be at most 3 characters long",
      "when: must be a date and time such as 2025-01-31T12:00:00",
      "nested.missing: is required",
      'unknown field "extra"',
    ].map((p) => (p.startsWith("when") ? `${p}.000Z` : p)));
  });

  it("names the allowed values of a discriminated union", () => {
    const error = errorOf(targetInputSchema, { name: "a", jamfUrl: "https://x", jamfAuth: { kind: "oauth" } });
    assert.equal(formatZodError(error), 'jamfAuth.kind: must be one of "api-client", "basic".');
  });

  it("puts a prefix in front of every field and numbers list items", () => {
    const error = errorOf(z.array(z.object({ name: z.string() })), [{ name: "a" }, {}]);
    assert.equal(formatZodError(error, "targets"), "targets[1].name: is required.");
    assert.equal(formatIssuePath(["a", 0, "b"], "root"), "root.a[0].b");
    assert.equal(formatIssuePath([]), "");
  });

  it("never repeats the rejected value", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const error = errorOf(z.object({ id: z.string().regex(/^[A-Z0-9]{16,}$/), n: z.number() }), { id: secret, n: secret });
    assert.ok(!formatZodError(error).includes(secret));
  });

  it("cuts a long list short", () => {
    const error = errorOf(z.object({ a: z.string(), b: z.string(), c: z.string() }), {});
    assert.equal(formatZodError(error, undefined, { maxIssues: 1 }), "a: is required; and 2 more problems.");
  });
});
