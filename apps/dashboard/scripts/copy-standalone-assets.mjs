// Next's standalone output leaves the static assets out (a CDN may serve them); this server serves them itself.
import { cpSync, existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const app = fileURLToPath(new URL("..", import.meta.url));
const target = `${app}.next/standalone/apps/dashboard`;
rmSync(`${target}/.next/static`, { recursive: true, force: true });
cpSync(`${app}.next/static`, `${target}/.next/static`, { recursive: true });
if (existsSync(`${app}public`)) cpSync(`${app}public`, `${target}/public`, { recursive: true });
