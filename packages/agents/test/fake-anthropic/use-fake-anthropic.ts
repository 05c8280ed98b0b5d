import { afterAll, beforeAll, beforeEach } from "vitest";
import { type FakeAnthropic, startFakeAnthropic } from "./server";

/**
 * One fake Messages API for a test file: started before its tests, closed after them, and emptied
 * of recorded requests (answering "ok" by default) before each. Call the result inside a test.
 */
export function useFakeAnthropic(): () => FakeAnthropic {
  let fake: FakeAnthropic | undefined;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    const current = started();
    current.requests.length = 0;
    current.setDefault({ kind: "ok" });
  });
  function started(): FakeAnthropic {
    if (!fake) throw new Error("the fake Messages API is used before its beforeAll started it");
    return fake;
  }
  return started;
}
