import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createHarness, startedTasks, temporaryFolder } from "../helpers/graph-harness.ts";

describe("the global context is versioned by reducer", () => {
  it("starts at version 1 from the index and reaches version 2 with the terms relate found in two or more documents", async () => {
    const folder = temporaryFolder();
    const { app, config } = createHarness({ folder });
    const result = await app.invoke({ source: resolve("examples/llms.txt") }, config());
    const context = result.context!;
    expect(context.name).toBe("Relaykit");
    expect(context.version).toBe(2);
    expect(context.history.map((entry) => [entry.version, entry.by.split(" ")[0]])).toEqual([
      [1, "discover"],
      [2, "relate"],
    ]);
    expect(context.history[1]!.added.length).toBeGreaterThan(0);
    // Version 1 is the local analyser's extractive context: the landing page's sections as features, terms the sources mark as code.
    expect(context.confidence?.reason).toMatch(/^Extractive, no model: quoted from the llms\.txt and the landing page; 6 features from page sections/);
    expect(context.features.map((feature) => feature.name)).toContain("Signed with HMAC-SHA256");
    const firstTerms = context.terminology.slice(0, context.terminology.length - context.history[1]!.added.length).map((term) => term.term);
    expect(firstTerms).toContain("Relaykit-Signature");
    expect(context.terminology.map((term) => term.term)).toEqual([...firstTerms, ...context.history[1]!.added]);
    for (const term of context.terminology) expect(term.source).toMatch(/^(file:\/\/|\/).*\.(md|html|txt)$/);
  }, 60_000);
});

describe("the global context is built beside extract", () => {
  it("runs in the step of the extract tasks, sent first, and planBatches runs once after both", async () => {
    const folder = temporaryFolder();
    const { app, config } = createHarness({ folder });
    const started = await startedTasks(app, { source: resolve("examples/llms.txt") }, config());
    const stepOf = (name: string) => [...new Set(started.filter((task) => task.name === name).map((task) => task.step))];
    const [extractStep] = stepOf("extract");
    expect(stepOf("extract")).toHaveLength(1);
    expect(stepOf("globalContext")).toEqual([extractStep]);
    expect(started.filter((task) => task.step === extractStep).map((task) => task.name)).toEqual(["globalContext", "extract", "extract"]);
    expect(stepOf("planBatches")).toEqual([extractStep! + 1]);
  }, 60_000);
});
