import { fileURLToPath } from "node:url";
import { config as loadDotenv } from "dotenv";

/**
 * Loads the repo root's .env for command-line entry points (Prisma, seed, worker,
 * CLI); real environment variables win. Libraries never import this: they read
 * process.env through their validated env modules.
 */
loadDotenv({ path: fileURLToPath(new URL("../../../.env", import.meta.url)), quiet: true });
