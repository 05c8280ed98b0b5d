import type { ContentKind } from "@switchyard/db";
import type { AgentRole } from "../lib/agent-roles";

export const CONTENT_KIND_BY_ROLE: Record<AgentRole, ContentKind> = {
  "blog-writer": "blog_post",
  "social-post-writer": "social_post",
  "email-writer": "email",
  "strategy-writer": "strategy",
  "context-file-writer": "context_file",
};

/** A human-readable title: the Markdown title, the email subject, or the opening words. */
export function titleOf(text: string, fallback: string): string {
  const heading = text.match(/^#\s+(.+)$/m)?.[1] ?? text.match(/^subject:\s*(.+)$/im)?.[1];
  const title = heading ?? text.split(/\s+/).slice(0, 10).join(" ");
  return (title.trim() || fallback).slice(0, 200);
}
