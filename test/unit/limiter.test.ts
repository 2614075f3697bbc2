import { describe, expect, it } from "vitest";
import { createLimiter } from "../../src/limiter.ts";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

describe("createLimiter", () => {
  it.each([0, -1, 1.5, Number.NaN])("rejects concurrency %s", (concurrency) => {
    expect(() => createLimiter({ concurrency })).toThrow(RangeError);
  });

  it("never runs more than N tasks at once and starts them in FIFO order", async () => {
    const limiter = createLimiter({ concurrency: 2 });
    const gates = [0, 1, 2, 3, 4].map(() => deferred());
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const results = gates.map((gate, index) =>
      limiter.run(async () => {
        started.push(index);
        running += 1;
        most = Math.max(most, running);
        await gate.promise;
        running -= 1;
        return index * 10;
      }),
    );
    await Promise.resolve();
    expect([limiter.active, limiter.waiting, started]).toEqual([2, 3, [0, 1]]);
    // Finish out of order: the freed slot still goes to the oldest waiting task.
    for (const index of [1, 0, 4, 2, 3]) {
      gates[index]!.resolve();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it("releases the slot when a task fails", async () => {
    const limiter = createLimiter({ concurrency: 1 });
    const failing = limiter.run(async () => {
      throw new Error("boom");
    });
    const next = limiter.run(async () => "next");
    await expect(failing).rejects.toThrow("boom");
    expect(await next).toBe("next");
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it("does not let a new caller take a slot that is being handed to a waiting task", async () => {
    const limiter = createLimiter({ concurrency: 1 });
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string, gate?: Promise<void>) => async () => {
      started.push(name);
      running += 1;
      most = Math.max(most, running);
      await gate;
      await Promise.resolve();
      running -= 1;
      return name;
    };
    const gate = deferred();
    const first = limiter.run(task("A", gate.promise));
    const second = limiter.run(task("B"));
    gate.resolve();
    // A caller arriving at any moment while B waits must queue behind B.
    let third: Promise<string> | undefined;
    for (let tick = 0; tick < 20 && !third; tick += 1) {
      await Promise.resolve();
      if (!started.includes("B") && limiter.active === 0) third = limiter.run(task("C"));
    }
    third ??= limiter.run(task("C"));
    expect(await Promise.all([first, second, third])).toEqual(["A", "B", "C"]);
    expect({ started, most }).toEqual({ started: ["A", "B", "C"], most: 1 });
  });
});
