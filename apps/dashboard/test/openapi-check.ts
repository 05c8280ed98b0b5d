import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { buildOpenApiDocument } from "../lib/server/openapi";

/**
 * Checks live API answers against the OpenAPI document the API serves: each answer's body must
 * match the schema its path, method and status declare, and an undeclared status fails.
 */
const document = buildOpenApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, "openapi");

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/** Reads the response's JSON (from a clone, so the caller can still read it) and checks it. */
export async function expectDocumented(path: string, method: "get" | "post", response: Response): Promise<void> {
  const status = String(response.status);
  const operation = (document.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[path]?.[
    method
  ];
  expect(operation?.responses[status], `${method.toUpperCase()} ${path} documents ${status}`).toBeDefined();
  const ref = `openapi#/paths/${pointer(path, method, "responses", status, "content", "application/json", "schema")}`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  const body: unknown = await response.clone().json();
  const isValid = validate(body);
  expect(isValid ? [] : validate.errors, `${method.toUpperCase()} ${path} → ${status} matches the document`).toEqual(
    [],
  );
}
