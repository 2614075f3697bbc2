import { describe, expect, it } from "vitest";
import { ensureConfiguration } from "../../graphs/configuration.ts";

describe("ensureConfiguration", () => {
  it("fills the defaults, keeps known fields only, and names a bad field", () => {
    const configuration = ensureConfiguration({ concurrency: 3, services: { anything: true } });
    expect(configuration.concurrency).toBe(3);
    expect(configuration.batchTokens).toBe(12_000);
    expect("services" in configuration).toBe(false);
    expect(() => ensureConfiguration({ concurrency: -1 })).toThrow(/concurrency/);
  });

  it("parses a run's context object once and shares the result frozen; another object is parsed on its own", () => {
    const context = { concurrency: 5 };
    const first = ensureConfiguration(context);
    expect(ensureConfiguration(context)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(ensureConfiguration({ concurrency: 6 }).concurrency).toBe(6);
    expect(ensureConfiguration(undefined).concurrency).toBe(ensureConfiguration({}).concurrency);
  });
});
