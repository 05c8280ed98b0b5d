import { NavBar } from "../../components/nav-bar";
import { requireViewer } from "../../lib/server/auth";
import { buildOpenApiDocument } from "../../lib/server/openapi";

export const dynamic = "force-dynamic";

/** The part of JSON Schema this page reads. */
interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}
interface Operation {
  operationId: string;
  summary: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}

const refName = (ref: string) => ref.split("/").at(-1) ?? ref;

/** A schema in a few words: its component name, enum values, or type with format and bounds. */
function describe(schema: Schema): string {
  if (schema.$ref) return refName(schema.$ref);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return choices.map(describe).join(" | ");
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.type === "array" && schema.items) return `${describe(schema.items)}[]`;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  const bounds = [
    schema.format,
    schema.minimum !== undefined && `≥ ${String(schema.minimum)}`,
    schema.maximum !== undefined && `≤ ${String(schema.maximum)}`,
    schema.maxLength !== undefined && `≤ ${String(schema.maxLength)} chars`,
  ].filter(Boolean);
  return bounds.length ? `${type} (${bounds.join(", ")})` : type;
}

function Fields({ schema, components }: { schema: Schema; components: Record<string, Schema> }) {
  const resolved = schema.$ref ? (components[refName(schema.$ref)] ?? schema) : schema;
  const variants = resolved.oneOf ?? resolved.anyOf;
  if (variants) {
    return (
      <>
        {variants.map((v, i) => (
          <Fields key={i} schema={v} components={components} />
        ))}
      </>
    );
  }
  if (!resolved.properties) return <p className="muted">{describe(resolved)}</p>;
  return (
    <div className="table-scroll">
      <table>
        <tbody>
          {Object.entries(resolved.properties).map(([name, field]) => (
            <tr key={name}>
              <td>
                <code>{name}</code>
                {resolved.required?.includes(name) ? "" : " (optional)"}
              </td>
              <td>{describe(field)}</td>
              <td className="muted">{field.description ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The HTTP API, read from the same OpenAPI document `/api/v1/openapi.json` serves. */
export default async function ApiDocsPage() {
  const viewer = await requireViewer();
  const document = buildOpenApiDocument();
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <>
      <NavBar viewer={viewer} />
      <main className="stack">
        <h1>HTTP API</h1>
        <p className="muted">
          Every call sends a tenant API key as <code>Authorization: Bearer &lt;key&gt;</code>. The machine-readable
          description is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1, generated from the
          schemas that validate requests).
        </p>
        {operations.map(({ path, method, op }) => {
          const body = op.requestBody?.content["application/json"]?.schema;
          return (
            <section key={op.operationId} className="card" id={op.operationId} aria-label={op.operationId}>
              <h2>
                <code>
                  {method.toUpperCase()} {path}
                </code>
              </h2>
              <p>{op.summary}</p>
              {op.parameters && op.parameters.length > 0 && (
                <>
                  <h3>Parameters</h3>
                  <div className="table-scroll">
                    <table>
                      <tbody>
                        {op.parameters.map((p) => (
                          <tr key={`${p.in}/${p.name}`}>
                            <td>
                              <code>{p.name}</code> ({p.in}
                              {p.required ? ", required" : ""})
                            </td>
                            <td>{describe(p.schema)}</td>
                            <td className="muted">{p.description ?? p.schema.description ?? ""}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
              {body && (
                <>
                  <h3>Body</h3>
                  <Fields schema={body} components={components} />
                </>
              )}
              <h3>Answers</h3>
              <ul>
                {Object.entries(op.responses).map(([status, r]) => {
                  const schema = r.content?.["application/json"]?.schema;
                  return (
                    <li key={status}>
                      <code>{status}</code> {r.description}
                      {schema && <span className="muted"> — {describe(schema)}</span>}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
        <section className="card" aria-label="Run">
          <h2>Run</h2>
          <Fields schema={{ $ref: "#/components/schemas/Run" }} components={components} />
        </section>
      </main>
    </>
  );
}
