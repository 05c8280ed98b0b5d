import { createHook } from "node:async_hooks";

/**
 * Prisma 6's WASM schema engine leaves 10 s and 60 s timers running after a command
 * has finished, so `migrate deploy` would sit idle for ~10 s and `migrate dev` for
 * ~60 s before exiting. The engine captured setTimeout before this config loads, so
 * patching globals cannot reach them; an async hook sees every timer created and
 * unrefs just those, from Prisma's own bundle. Only the Prisma CLI loads this file.
 */
const LINGERING_DELAYS = new Set([10_000, 60_000]);

createHook({
  init(_id, type, _trigger, resource) {
    if (type !== "Timeout") return;
    const timer = resource as NodeJS.Timeout & { _idleTimeout?: number };
    if (!LINGERING_DELAYS.has(timer._idleTimeout ?? 0)) return;
    if (new Error().stack?.includes("prisma/build/index.js")) timer.unref();
  },
}).enable();
