/** A clock whose time moves only when a test advances it; `sleep` resolves when the clock passes its deadline. */
export interface FakeClock {
  now: () => number;
  sleep: (milliseconds: number) => Promise<void>;
  /** Moves time forward by `milliseconds`, waking sleepers in deadline order and letting their promises run. */
  advance(milliseconds: number): Promise<void>;
}

/** Lets every pending promise callback and I/O callback run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A fake clock starting at `start` (0 by default). */
export function createFakeClock(start = 0): FakeClock {
  let time = start;
  const sleepers: Array<{ at: number; wake: () => void }> = [];
  return {
    now: () => time,
    sleep: (milliseconds) => new Promise<void>((wake) => sleepers.push({ at: time + Math.max(0, milliseconds), wake })),
    async advance(milliseconds) {
      const end = time + milliseconds;
      await settle();
      for (;;) {
        sleepers.sort((first, second) => first.at - second.at);
        if (sleepers.length === 0 || sleepers[0]!.at > end) break;
        const next = sleepers.shift()!;
        time = Math.max(time, next.at);
        next.wake();
        await settle();
      }
      time = end;
      await settle();
    },
  };
}
