import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "../../../../lib/server/openapi";

export const runtime = "nodejs";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The API's OpenAPI 3.1 document, generated from its zod schemas once per process. Public: it holds no data. */
export function GET() {
  document ??= buildOpenApiDocument();
  return NextResponse.json(document, { headers: { "cache-control": "public, max-age=300" } });
}
