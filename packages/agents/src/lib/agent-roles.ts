import { z } from "zod";

export const AGENT_ROLES = [
  "blog-writer",
  "social-post-writer",
  "email-writer",
  "strategy-writer",
  "context-file-writer",
] as const;

export const AgentRoleSchema = z.enum(AGENT_ROLES);
export type AgentRole = z.infer<typeof AgentRoleSchema>;

export function isAgentRole(value: unknown): value is AgentRole {
  return (AGENT_ROLES as readonly unknown[]).includes(value);
}
