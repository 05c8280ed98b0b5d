import type { SpecialistProvider } from "../specialists";
import type { TaskInput } from "../tasks/task-input";
import type { BriefSignals } from "../tasks/brief-signals";

/**
 * Reads a task's topic, brief and call to action for the products (from the tenant's list), dates,
 * audience, calls to action and analysis cues they name. A specialist outage never refuses a job:
 * the run records why it has no signals, and routing goes on as if the brief said nothing.
 */
export async function readBrief(
  specialists: SpecialistProvider,
  task: TaskInput,
  products: readonly string[],
): Promise<BriefSignals> {
  const text = [task.topic, task.brief, task.callToAction].filter(Boolean).join("\n");
  try {
    const { source, ...found } = await specialists.extract(text, { products: [...products] });
    return { ...found, source: { provider: source.provider, model: source.model } };
  } catch (error) {
    return { error: `brief not read: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) };
  }
}
