import { describe, expect, it } from "vitest";
import { mergeContext, mergeDocuments, mergeTimings } from "../../graphs/reducers.ts";
import type { DocumentRecord, GlobalContext } from "../../src/types.ts";

const base: DocumentRecord = { id: "d1", url: "https://x.dev/a.md", title: "A", section: "Docs", optional: false, slug: "a", status: "pending" };
const failed: DocumentRecord = { ...base, status: "failed", failure: { stage: "fetch", reason: "HTTP 404" } };

describe("mergeDocuments", () => {
  it("adds new records and merges changed fields by id without touching the current state", () => {
    const current = { d1: base };
    const merged = mergeDocuments(current, { d1: { id: "d1", status: "extracted", tokens: 12 }, d2: { ...base, id: "d2", slug: "b" } });
    expect(merged).toEqual({ d1: { ...base, status: "extracted", tokens: 12 }, d2: { ...base, id: "d2", slug: "b" } });
    expect(current).toEqual({ d1: base });
  });

  it("keeps the summary's hash before the topics' hash, whichever branch answered first", () => {
    const extracted = { ...base, status: "extracted" as const, contentHash: "c1" };
    for (const order of [["topicsHash", "summaryHash"], ["summaryHash", "topicsHash"]] as const) {
      let records: Record<string, DocumentRecord> = { d1: extracted };
      for (const field of order) records = mergeDocuments(records, { d1: { id: "d1", [field]: field === "summaryHash" ? "s1" : "t1" } });
      records = mergeDocuments(records, { d1: { id: "d1", status: "analysed", topicIds: ["webhooks"] } });
      expect(Object.keys(records["d1"]!), order.join(" then ")).toEqual(["id", "url", "title", "section", "optional", "slug", "status", "contentHash", "summaryHash", "topicsHash", "topicIds"]);
    }
  });

  it("keeps a failure when a later change says analysed", () => {
    expect(mergeDocuments({ d1: failed }, { d1: { id: "d1", status: "analysed", summaryHash: "h" } })).toEqual({ d1: { ...failed, summaryHash: "h" } });
  });

  it("keeps a failure when a change has no status", () => {
    expect(mergeDocuments({ d1: failed }, { d1: { id: "d1", tokens: 3 } })).toEqual({ d1: { ...failed, tokens: 3 } });
  });

  it("keeps the first failure when a sibling branch fails the same document later", () => {
    const failure = { stage: "topic" as const, reason: "model error" };
    expect(mergeDocuments({ d1: failed }, { d1: { id: "d1", status: "failed", failure } })).toEqual({ d1: failed });
  });

  it("clears the failure on an explicit reset to pending", () => {
    expect(mergeDocuments({ d1: failed }, { d1: { id: "d1", status: "pending" } })).toEqual({ d1: base });
  });
});

describe("mergeTimings", () => {
  it("keeps the earliest start and the latest end per stage", () => {
    expect(mergeTimings({ planBatches: { start: 10, end: 50 }, discover: { start: 1, end: 2 } }, { planBatches: { start: 5, end: 30 }, relate: { start: 60, end: 70 } })).toEqual({
      discover: { start: 1, end: 2 },
      planBatches: { start: 5, end: 50 },
      relate: { start: 60, end: 70 },
    });
  });
});

describe("mergeContext", () => {
  const context: GlobalContext = {
    version: 1,
    name: "Acme",
    description: "Webhooks",
    details: "",
    features: [{ name: "Signing", description: "HMAC", importance: 5, source: "https://x.dev/a.md" }],
    terminology: [{ term: "Webhook", definition: "A callback", source: "https://x.dev/a.md" }],
    history: [{ version: 1, by: "discover", added: ["Signing", "Webhook"] }],
  };

  it("makes a new version holding only the additions that are new (case-insensitively)", () => {
    const retry = { term: "Retry", definition: "Another attempt", source: "https://x.dev/b.md" };
    const replay = { name: "Replay", description: "Resend", importance: 3, source: "https://x.dev/b.md" };
    const merged = mergeContext(context, {
      additions: { terminology: [{ term: "webhook", definition: "dup", source: "x" }, retry], features: [{ ...replay, name: "signing" }, replay] },
      by: "relate",
    });
    expect(merged).toEqual({
      ...context,
      version: 2,
      terminology: [...context.terminology, retry],
      features: [...context.features, replay],
      history: [...context.history, { version: 2, by: "relate", added: ["Replay", "Retry"] }],
    });
    expect(context.version).toBe(1);
  });

  it("returns the same object when nothing is new", () => {
    const update = { additions: { terminology: [{ term: "WEBHOOK", definition: "dup", source: "x" }], features: [] }, by: "relate" };
    expect(mergeContext(context, update)).toBe(context);
  });

  it("replaces the context with a whole context", () => {
    const next = { ...context, version: 7 };
    expect(mergeContext(context, next)).toBe(next);
  });

  it("ignores additions while there is no context yet", () => {
    expect(mergeContext(undefined, { additions: { terminology: [], features: [] }, by: "relate" })).toBeUndefined();
  });
});
