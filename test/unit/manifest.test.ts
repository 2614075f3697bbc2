import { describe, expect, it } from "vitest";
import { buildManifest, publicConfig, type BuildManifestOptions } from "../../src/manifest.ts";
import type { DocumentRecord, Topic } from "../../src/types.ts";
import { VERSION } from "../../src/version.ts";

function record(id: string, status: DocumentRecord["status"], extra: Partial<DocumentRecord> = {}): DocumentRecord {
  return { id, url: `https://x.dev/${id}.md`, title: id.toUpperCase(), section: "Docs", optional: false, slug: id, status, ...extra };
}

function topic(id: string, documentIds: string[]): Topic {
  return { id, name: id, aliases: [id], documentIds, weight: 1, relatedTopicIds: [] };
}

const options: BuildManifestOptions = {
  runId: "run-1",
  source: "https://x.dev/llms.txt",
  provider: "local",
  model: "extractive",
  extractive: true,
  config: { apiKey: "sk-secret-1", token: "tok-secret-2", concurrency: 8, outDir: "output/run-1", verbose: false, services: { fetch: "x" }, headers: { Authorization: "Bearer secret-3" }, onEvent: () => undefined },
  records: [
    record("a", "analysed", { tokens: 10, contentHash: "h-a" }),
    record("b", "failed", { failure: { stage: "fetch", reason: "HTTP 404" } }),
    record("c", "skipped"),
    record("d", "pending"),
    record("e", "extracted", { tokens: 4 }),
  ],
  topics: [topic("retry", ["a", "e"]), topic("signing", ["a"])],
  topicFailures: { signing: "model refused" },
  spans: { discover: { start: 1_000, end: 1_500 }, planBatches: { start: 1_700, end: 1_800 }, relate: { start: 2_000, end: 2_600 } },
  now: 3_000,
};

describe("buildManifest", () => {
  it("counts coverage, lists documents and topics with their status, and times stages", () => {
    expect(buildManifest(options)).toEqual({
      schemaVersion: 1,
      runId: "run-1",
      version: VERSION,
      source: "https://x.dev/llms.txt",
      startedAt: "1970-01-01T00:00:01.000Z",
      finishedAt: "1970-01-01T00:00:03.000Z",
      status: "completed-with-failures",
      provider: "local",
      model: "extractive",
      extractive: true,
      config: { concurrency: 8, outDir: "output/run-1", verbose: false },
      coverage: { total: 5, analysed: 1, failed: 1, skipped: 3 },
      documents: [
        { id: "a", url: "https://x.dev/a.md", title: "A", slug: "a", status: "analysed", tokens: 10, contentHash: "h-a" },
        { id: "b", url: "https://x.dev/b.md", title: "B", slug: "b", status: "failed", failure: { stage: "fetch", reason: "HTTP 404" } },
        { id: "c", url: "https://x.dev/c.md", title: "C", slug: "c", status: "skipped" },
        { id: "d", url: "https://x.dev/d.md", title: "D", slug: "d", status: "pending" },
        { id: "e", url: "https://x.dev/e.md", title: "E", slug: "e", status: "extracted", tokens: 4 },
      ],
      topics: [
        { id: "retry", name: "retry", documentCount: 2, status: "synthesized" },
        { id: "signing", name: "signing", documentCount: 1, status: "failed", failure: "model refused" },
      ],
      timings: { discover: 500, extract: 200, planBatches: 100, analyse: 200, relate: 600 },
    });
  });

  it("never writes a secret or the name of a secret key", () => {
    const json = JSON.stringify(buildManifest(options));
    for (const secret of ["apiKey", "sk-secret-1", "tok-secret-2", "secret-3", "Authorization"]) expect(json).not.toContain(secret);
  });

  it("is completed when every document was analysed and every topic synthesised", () => {
    const manifest = buildManifest({ ...options, records: [record("a", "analysed")], topicFailures: {} });
    expect([manifest.status, manifest.coverage]).toEqual(["completed", { total: 1, analysed: 1, failed: 0, skipped: 0 }]);
  });

  it("is completed-with-failures when one document failed and every topic was synthesised", () => {
    expect(buildManifest({ ...options, records: [record("a", "analysed"), record("b", "failed")], topicFailures: {} }).status).toBe("completed-with-failures");
  });

  it("starts at now when no stage was timed", () => {
    const manifest = buildManifest({ ...options, spans: {} });
    expect([manifest.startedAt, manifest.timings]).toEqual(["1970-01-01T00:00:03.000Z", {}]);
  });
});

describe("publicConfig", () => {
  it("drops secret-looking keys, services, functions and objects", () => {
    expect(publicConfig({ apiKey: "a", token: "b", clientSecret: "c", password: "d", provider: "local", limit: null, services: "s", fn: () => 1, nested: { a: 1 } })).toEqual({
      provider: "local",
      limit: null,
    });
  });

  it("keeps the batchTokens option, which holds a number, not a secret", () => {
    expect(publicConfig({ batchTokens: 12_000, maxBatchDocuments: 8 })).toEqual({ batchTokens: 12_000, maxBatchDocuments: 8 });
  });
});
