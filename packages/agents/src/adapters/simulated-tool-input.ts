import { createRandom } from "./simulated-prose";

type Random = () => number;
type Schema = Record<string, unknown>;

const PHRASES = ["clear structure", "on topic", "concrete examples", "uneven pacing", "thin evidence"];

/**
 * A tool input for the offline provider that fits the shape of a simple JSON Schema: objects (every listed
 * property), numbers and integers within minimum/maximum, strings (enum, or a short phrase within
 * maxLength), booleans, arrays (minItems..maxItems), const and enum. It is deterministic for a seed.
 *
 * It is noise, not judgment: values are drawn uniformly from what the schema allows, whatever the prompt
 * says. A simulated LLM judge therefore shows that the machinery works (the call, the parsing, the
 * storage) and says nothing about the quality of the content it was shown.
 */
export function simulatedToolInput(schema: unknown, seed: number): unknown {
  return valueFor(asSchema(schema), createRandom(seed), 0);
}

function valueFor(schema: Schema, random: Random, depth: number): unknown {
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum[Math.floor(random() * schema.enum.length)];
  }
  const type: unknown = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object":
      return depth > 4 ? {} : objectFor(schema, random, depth);
    case "array":
      return depth > 4 ? [] : arrayFor(schema, random, depth);
    case "integer":
    case "number":
      return numberFor(schema, random, type === "integer");
    case "string":
      return stringFor(schema, random);
    case "boolean":
      return random() < 0.5;
    default:
      return null;
  }
}

function objectFor(schema: Schema, random: Random, depth: number): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const valueOf = (sub: unknown) => valueFor(asSchema(sub), random, depth + 1);
  const entries = Object.entries(properties).map(([name, sub]): [string, unknown] => [name, valueOf(sub)]);
  return Object.fromEntries(entries);
}

function arrayFor(schema: Schema, random: Random, depth: number): unknown[] {
  const min = numberOr(schema.minItems, 1);
  const max = Math.max(min, numberOr(schema.maxItems, min + 2));
  const count = min + Math.floor(random() * (max - min + 1));
  return Array.from({ length: count }, () => valueFor(asSchema(schema.items), random, depth + 1));
}

function numberFor(schema: Schema, random: Random, isInteger: boolean): number {
  const step = isInteger ? 1 : 0.01;
  const low = numberOr(schema.minimum, numberOr(schema.exclusiveMinimum, -step) + step);
  const high = Math.max(low, numberOr(schema.maximum, numberOr(schema.exclusiveMaximum, low + 100 + step) - step));
  if (!isInteger) return Math.min(high, Math.max(low, Math.round((low + random() * (high - low)) * 100) / 100));
  const [from, to] = [Math.ceil(low), Math.floor(high)];
  return to < from ? from : from + Math.floor(random() * (to - from + 1));
}

function stringFor(schema: Schema, random: Random): string {
  const phrase = `Simulated: ${PHRASES[Math.floor(random() * PHRASES.length)]}.`;
  const max = numberOr(schema.maxLength, phrase.length);
  const min = numberOr(schema.minLength, 0);
  return phrase.slice(0, max).padEnd(min, ".");
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function asSchema(value: unknown): Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Schema) : {};
}
