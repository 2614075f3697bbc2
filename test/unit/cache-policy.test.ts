import { describe, expect, it } from "vitest";
import { cachePolicy } from "../../graphs/cache-policy.ts";
import { type SynthesisTask, synthesisCacheKey } from "../../graphs/nodes/synthesize.ts";
import { retryFailedChanges } from "../../graphs/retry-failed.ts";
import { openDatabase } from "../../src/database.ts";
import { createContentStore } from "../../src/store.ts";
import type { DocumentRecord, Topic } from "../../src/types.ts";

describe("cachePolicy", () => {
  it("forces documents whose URL path matches a --force glob; --no-cache refreshes every document but forces none", () => {
    const forced = cachePolicy({ force: ["guides/*", "/api/rest-api.md"], noCache: false });
    expect(["https://d.example/docs/guides/retries.md", "https://d.example/api/rest-api.md", "https://d.example/api/sdk.md", "https://d.example/guides/a/b.md"].map(forced.isForced)).toEqual([true, true, false, false]);
    expect(forced.refreshes("https://d.example/api/sdk.md")).toBe(false);
    expect(forced.refreshes("https://d.example/guides/x.md")).toBe(true);
    const noCache = cachePolicy({ force: [], noCache: true });
    expect([noCache.isForced("https://d.example/a.md"), noCache.refreshes("https://d.example/a.md")]).toEqual([false, true]);
  });
});

describe("getCached with since", () => {
  it("skips a result cached before `since` and returns one cached at or after it", () => {
    const database = openDatabase({ path: ":memory:" });
    const store = createContentStore({ database });
    database.prepare("INSERT INTO result_cache (key, hash, created_at) VALUES (?, ?, ?)").run("old", "h1", "2026-01-01T00:00:00.000Z");
    const since = Date.parse("2026-01-01T00:00:00.001Z");
    store.setCached("new", "h2");
    expect([store.getCached("old"), store.getCached("old", { since }), store.getCached("new", { since }), store.getCached("old", { since: since - 1 })]).toEqual(["h1", undefined, "h2", "h1"]);
    // Answered again, the old key counts as cached since.
    store.setCached("old", "h3");
    expect(store.getCached("old", { since })).toBe("h3");
    database.close();
  });
});

describe("synthesisCacheKey", () => {
  const topic: Topic = { id: "retries", name: "Retries", aliases: ["Retries", "retry"], documentIds: ["a", "b"], weight: 1.5, relatedTopicIds: ["signing"] };
  const task: SynthesisTask = {
    topic,
    relatedTopics: [{ id: "signing", name: "Signing" }],
    contextHash: "c1",
    sources: [
      { documentId: "a", section: "Docs", contentHash: "ca", summaryHash: "sa", topicsHash: "ta" },
      { documentId: "b", section: "Docs", contentHash: "cb", summaryHash: "sb", topicsHash: "tb" },
    ],
  };
  const key = (changed: Partial<SynthesisTask>) => synthesisCacheKey({ task: { ...task, ...changed }, provider: "openai", model: "m", answerVersion: "v1" });

  it("changes with what the prompt is built from, and only with that", () => {
    const base = key({});
    expect(key({ topic: { ...topic, weight: 9 } })).toBe(base);
    expect(key({ refreshSince: Date.now() })).toBe(base);
    expect(key({ sources: [task.sources[0]!, { ...task.sources[1]!, summaryHash: "sb2" }] })).not.toBe(base);
    expect(key({ sources: [task.sources[0]!, { ...task.sources[1]!, contentHash: "cb2" }] })).not.toBe(base);
    expect(key({ sources: [task.sources[1]!, task.sources[0]!] })).not.toBe(base);
    expect(key({ contextHash: "c2" })).not.toBe(base);
    expect(key({ relatedTopics: [] })).not.toBe(base);
    expect(key({ topic: { ...topic, aliases: ["Retries"] } })).not.toBe(base);
    expect(synthesisCacheKey({ task, provider: "openai", model: "m", answerVersion: "v2" })).not.toBe(base);
  });
});

describe("retryFailedChanges", () => {
  const record = (id: string, status: DocumentRecord["status"]): DocumentRecord => ({ id, url: `https://d.example/${id}.md`, title: id, section: "Docs", optional: false, slug: id, status });
  const documents = Object.fromEntries([record("ok", "analysed"), record("bad", "failed"), record("later", "pending"), record("out", "skipped")].map((each) => [each.id, each]));
  const topics: Topic[] = [{ id: "t", name: "T", aliases: [], documentIds: ["ok"], weight: 1, relatedTopicIds: [] }];

  it("sends failed documents back to pending and analysed ones back to extracted, leaving the rest", () => {
    expect(retryFailedChanges({ documents, guidelines: {}, topics })).toEqual({ ok: { id: "ok", status: "extracted" }, bad: { id: "bad", status: "pending" } });
  });

  it("retries for a failed topic of the run, and does nothing when nothing of the run failed", () => {
    const healthy = { ok: documents["ok"]!, later: documents["later"]! };
    expect(retryFailedChanges({ documents: healthy, guidelines: { t: { failure: "HTTP 500" } }, topics })).toEqual({ ok: { id: "ok", status: "extracted" } });
    expect(retryFailedChanges({ documents: healthy, guidelines: { t: { hash: "h" }, gone: { failure: "old" } }, topics })).toBeUndefined();
  });
});
