import type { CacheTtl } from "./types";

/**
 * Offline token count: one token per four characters, rounded up (Anthropic's rule of thumb for English).
 * The simulated provider and the fake Messages API both count this way, so their numbers agree; neither is
 * the real tokenizer.
 */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** One block of a rendered prompt, in the order the API caches it: tools, then system, then messages. */
export interface PromptSegment {
  /** The block's exact content, with where it sits (tool, system, role): what a cache hit must match. */
  key: string;
  tokens: number;
  /** Set when the block carries cache_control: the prefix up to and including it may be cached. */
  breakpoint?: CacheTtl;
}

interface CacheControlLike {
  type: string;
  ttl?: CacheTtl;
}

interface BlockLike {
  type: string;
  text?: string;
  cache_control?: CacheControlLike | null;
}

interface ToolLike {
  name: string;
  description?: string;
  input_schema: unknown;
  cache_control?: CacheControlLike | null;
}

/** What the segments are read from: any Messages API body (the SDK's, the fake's parsed one, ours). */
export interface PromptParams {
  tools?: readonly ToolLike[];
  system?: string | readonly BlockLike[];
  messages: readonly { role: string; content: string | readonly BlockLike[] }[];
}

export function promptSegments(params: PromptParams): PromptSegment[] {
  const segments: PromptSegment[] = [];
  for (const { cache_control, ...tool } of params.tools ?? []) {
    segments.push(segment("tool", JSON.stringify(tool), cache_control));
  }
  if (typeof params.system === "string") segments.push(segment("system", params.system));
  else for (const block of params.system ?? []) segments.push(blockSegment("system", block));
  for (const message of params.messages) {
    if (typeof message.content === "string") segments.push(segment(message.role, message.content));
    else for (const block of message.content) segments.push(blockSegment(message.role, block));
  }
  return segments;
}

function blockSegment(place: string, { cache_control, ...block }: BlockLike): PromptSegment {
  const text = block.type === "text" && typeof block.text === "string" ? block.text : JSON.stringify(block);
  return segment(place, text, cache_control);
}

function segment(place: string, text: string, cacheControl?: CacheControlLike | null): PromptSegment {
  const key = `${place}\u0000${text}`;
  const tokens = approxTokens(text);
  return cacheControl ? { key, tokens, breakpoint: cacheControl.ttl ?? "5m" } : { key, tokens };
}
