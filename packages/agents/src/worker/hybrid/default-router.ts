import { agentsEnv, hybridRouterSettings } from "../../env";
import type { HybridRouter } from "./decide-tier";
import { RouterBreaker } from "./router-breaker";

let processRouter: HybridRouter | undefined;

/** The worker process's one hybrid router (see RouterBreaker for why it is shared by every tenant). */
export function defaultHybridRouter(): HybridRouter {
  if (!processRouter) {
    const settings = hybridRouterSettings(agentsEnv());
    processRouter = { breaker: new RouterBreaker(settings.breaker), timeoutMs: settings.timeoutMs };
  }
  return processRouter;
}
