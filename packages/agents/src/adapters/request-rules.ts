import { prefillOf } from "./anthropic-params";
import { breakpointProblem } from "./prompt-cache";
import { type PromptParams, promptSegments } from "./prompt-segments";

export interface CheckedParams extends PromptParams {
  max_tokens: number;
  tool_choice?: { type: string; name?: string } | null;
}

/**
 * Why the Messages API would refuse this body with a 400, for the rules the offline providers honour:
 * the token budget, a non-empty conversation, a prefill without trailing whitespace, a forced tool that
 * exists, and valid cache breakpoints. The simulated provider and the fake API share it, so they refuse alike.
 */
export function requestProblem(params: CheckedParams): string | undefined {
  const budget = params.max_tokens;
  if (!Number.isSafeInteger(budget) || budget < 0) return "max_tokens: must be a whole number >= 0";
  if (params.messages.length === 0) return "messages: at least one message is required";
  if (/\s$/.test(prefillOf(params.messages) ?? "")) {
    return "final assistant content cannot end with trailing whitespace";
  }
  const choice = params.tool_choice;
  const tools = params.tools ?? [];
  if ((choice?.type === "any" || choice?.type === "tool") && tools.length === 0) {
    return `tool_choice: ${choice.type} requires tools`;
  }
  if (choice?.type === "tool" && !tools.some((t) => t.name === choice.name)) {
    return `tool_choice: no tool named ${JSON.stringify(choice.name)}`;
  }
  return breakpointProblem(promptSegments(params));
}

/** The tool a request forces the model to call (tool_choice tool, or any: the first tool), if it forces one. */
export function forcedTool<T extends { name: string }>(
  tools: readonly T[] | undefined,
  choice: CheckedParams["tool_choice"],
): T | undefined {
  if (choice?.type === "tool") return tools?.find((t) => t.name === choice.name);
  return choice?.type === "any" ? tools?.[0] : undefined;
}
