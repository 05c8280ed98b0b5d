import { afterAll, describe, expect, it } from "vitest";

// Read on first use (lazily), so set before any request: this file's server takes two job requests at once.
process.env.API_MAX_IN_FLIGHT = "2";
const { admitted, OverloadedError } = await import("../lib/server/admission");
const { errorResponse } = await import("../lib/server/api-errors");
afterAll(() => {
  delete process.env.API_MAX_IN_FLIGHT;
});

/** Work that stays in flight until released. */
function held() {
  let release = () => {};
  const done = new Promise<string>((resolve) => (release = () => resolve("done")));
  return { done, release };
}

describe("load held at the door", () => {
  it("refuses a request past the in-flight limit at once: 503 overloaded, Retry-After, then admits again", async () => {
    const a = held();
    const b = held();
    const first = admitted(() => a.done);
    const second = admitted(() => b.done);
    const refused = await admitted(() => Promise.resolve("never runs")).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OverloadedError);
    const response = errorResponse(refused);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toMatchObject({ error: { code: "overloaded" } });
    a.release();
    expect(await first).toBe("done");
    // A slot is free again: the next request runs.
    expect(await admitted(() => Promise.resolve("admitted"))).toBe("admitted");
    b.release();
    expect(await second).toBe("done");
  });

  it("frees the slot of a request that throws", async () => {
    for (let i = 0; i < 5; i++) {
      await expect(admitted(() => Promise.reject(new Error("database away")))).rejects.toThrow("database away");
    }
    expect(await admitted(() => Promise.resolve("still admitted"))).toBe("still admitted");
  });
});
