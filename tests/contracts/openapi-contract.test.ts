// The contract validator itself must be able to fail: write-only fields in responses, missing
// required fields in requests, undeclared statuses, nullable handling.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { OpenApiContract, toJsonSchema } from "./openapi-contract";

const contract = OpenApiContract.load(fileURLToPath(new URL("./jamf-pro-api.yaml", import.meta.url)));
const CDP = "/api/v1/cloud-distribution-point";
const JSON_TYPE = "application/json;charset=UTF-8";
const goodCdp = { hasConnectionSucceeded: true, message: "ok", cdnType: "AMAZON_S3", master: true, username: "AKIAIOSFODNN7EXAMPLE", cdnUrl: "https://d.cloudfront.net", inventoryId: "E1" };

describe("OpenAPI contract validator", () => {
  it("accepts a proper CDP response and rejects one that returns the write-only password", () => {
    assert.deepEqual(contract.validateResponse({ method: "GET", path: CDP, status: 200, responseContentType: JSON_TYPE, responseBody: goodCdp }), []);
    const leaked = contract.validateResponse({ method: "GET", path: CDP, status: 200, responseContentType: JSON_TYPE, responseBody: { ...goodCdp, password: "secret" } });
    assert.equal(leaked.length > 0, true);
    assert.match(leaked.join("\n"), /password/);
  });

  it("requires read-only fields in responses but not in requests", () => {
    const { hasConnectionSucceeded: _h, message: _m, ...withoutConnection } = goodCdp;
    assert.notDeepEqual(contract.validateResponse({ method: "GET", path: CDP, status: 200, responseContentType: JSON_TYPE, responseBody: withoutConnection }), []);
    const patch = { cdnType: "AMAZON_S3", master: true, username: "AKIAIOSFODNN7EXAMPLE", password: "s" };
    assert.deepEqual(contract.validateRequest({ method: "PATCH", path: CDP, status: 0, requestContentType: "application/json", requestBody: patch }), []);
    const { password: _p, ...noPassword } = patch;
    assert.match(contract.validateRequest({ method: "PATCH", path: CDP, status: 0, requestContentType: "application/json", requestBody: noPassword }).join("\n"), /password/);
  });

  it("rejects undeclared statuses, wrong content types, unknown paths and non-JSON bodies", () => {
    assert.match(contract.validateResponse({ method: "GET", path: CDP, status: 500, responseContentType: JSON_TYPE, responseBody: {} }).join(), /not declared/);
    assert.match(contract.validateResponse({ method: "GET", path: CDP, status: 200, responseContentType: "text/html", responseBody: "<html>" }).join(), /content type/);
    assert.match(contract.validateResponse({ method: "GET", path: "/api/v2/nothing", status: 200 }).join(), /not in the contract/);
    assert.match(contract.validateRequest({ method: "PATCH", path: CDP, status: 0, requestContentType: "text/plain", requestBody: "x" }).join(), /expects application\/json/);
    assert.match(contract.validateResponse({ method: "POST", path: "/api/v1/auth/invalidate-token", status: 204, responseBody: "unexpected" }).join(), /declares no body/);
  });

  it("converts nullable, readOnly/writeOnly and allOf per direction", () => {
    assert.deepEqual(toJsonSchema({ type: "string", nullable: true, example: "x" }, "response"), { type: ["string", "null"] });
    const schema = { type: "object", required: ["a", "b", "c"], properties: { a: { type: "string", readOnly: true }, b: { type: "string", writeOnly: true }, c: { type: "string" } } };
    assert.deepEqual(toJsonSchema(schema, "request"), { type: "object", required: ["b", "c"], properties: { a: { type: "string" }, b: { type: "string" }, c: { type: "string" } } });
    assert.deepEqual(toJsonSchema(schema, "response"), { type: "object", required: ["a", "c"], properties: { a: { type: "string" }, b: false, c: { type: "string" } } });
    assert.deepEqual(toJsonSchema({ allOf: [{ $ref: "#/components/schemas/X" }] }, "request"), { allOf: [{ $ref: "#/definitions/X" }] });
    const error = { httpStatus: 401, errors: [{ code: "INVALID_TOKEN", description: "Unauthorized", id: null, field: null }] };
    assert.deepEqual(contract.validateResponse({ method: "GET", path: CDP, status: 401, responseContentType: JSON_TYPE, responseBody: error }), []);
    assert.notDeepEqual(contract.validateResponse({ method: "GET", path: CDP, status: 401, responseContentType: JSON_TYPE, responseBody: { httpStatus: 401, errors: [{ code: "X" }] } }), []);
  });
});
