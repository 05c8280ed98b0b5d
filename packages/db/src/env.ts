import { z } from "zod";

const DbEnvSchema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set (copy .env.example to .env)" })
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, "DATABASE_URL must be a postgresql:// URL"),
});

export type DbEnv = z.infer<typeof DbEnvSchema>;

/** Everything @switchyard/db reads from the environment, validated on first use. */
export function dbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const result = DbEnvSchema.safeParse(source);
  if (!result.success) {
    throw new Error(
      "Invalid environment for @switchyard/db:\n" +
        result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n"),
    );
  }
  return result.data;
}
