import { z } from "zod";

/** An endpoint's URL: absolute http(s), at most 2,000 characters, with no credentials in it. */
export const WebhookUrlSchema = z
  .url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" })
  .max(2000)
  .refine((url) => {
    // Refinements run after a failed format check too: an unparsable URL is already refused above.
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    return !parsed?.username && !parsed?.password;
  }, "must not carry a user name or password");
