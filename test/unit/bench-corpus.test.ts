import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/corpus.ts";
import { startCorpusServer } from "../../bench/corpus-server.ts";

describe("the benchmark's generated site", () => {
  it("is the same on every generation, lists every document in llms.txt and keeps sizes within 1–30 KB", () => {
    const first = generateCorpus({ documents: 300 });
    const second = generateCorpus({ documents: 300 });
    expect([...first.files.entries()]).toEqual([...second.files.entries()]);
    expect(first.documentPaths).toHaveLength(300);
    const sizes = first.documentPaths.map((path) => Buffer.byteLength(first.files.get(path)!.body));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(31_000);
    // A spread, not one size: the largest is several times the smallest.
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeGreaterThan(5);
    const index = first.files.get("/llms.txt")!.body;
    for (const path of first.documentPaths) expect(index).toContain(`](${path})`);
    expect(generateCorpus({ documents: 300, seed: 7 }).files.get(first.documentPaths[0]!)?.body).not.toBe(first.files.get(first.documentPaths[0]!)!.body);
  });

  it("is served with ETags and answers a matching If-None-Match with 304", async () => {
    const corpus = generateCorpus({ documents: 2 });
    const server = await startCorpusServer({ corpus });
    try {
      const url = `${server.origin}${corpus.documentPaths[0]}`;
      const first = await fetch(url);
      expect(first.status).toBe(200);
      expect(await first.text()).toBe(corpus.files.get(corpus.documentPaths[0]!)!.body);
      const etag = first.headers.get("etag")!;
      const again = await fetch(url, { headers: { "if-none-match": etag } });
      expect(again.status).toBe(304);
      expect((await fetch(`${server.origin}/missing.md`)).status).toBe(404);
      expect(server.requests).toEqual([
        { path: corpus.documentPaths[0], conditional: false, status: 200 },
        { path: corpus.documentPaths[0], conditional: true, status: 304 },
        { path: "/missing.md", conditional: false, status: 404 },
      ]);
    } finally {
      await server.close();
    }
  });
});
