import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";

describe("a run over a site: discovery, scope, robots.txt", () => {
  let server: StaticServer;
  let folder: string;
  beforeAll(async () => {
    folder = temporaryFolder();
    cpSync("examples", join(folder, "site"), { recursive: true });
    writeFileSync(join(folder, "site", "robots.txt"), "User-agent: document-it\nDisallow: /guides/testing-locally.html\n");
    server = await startStaticServer({ root: join(folder, "site") });
  });
  afterAll(() => server.close());

  const run = async (name: string, flags: string[]) => {
    const lines: string[] = [];
    const errors: string[] = [];
    const code = await main(["run", `${server.url}index.html`, "--out", join(folder, name), "--state", join(folder, "state.db"), ...flags], {
      stdout: (line) => lines.push(line),
      stderr: (line) => errors.push(line),
      services: { onEvent: () => undefined },
    });
    const manifest = code === 2 ? undefined : (JSON.parse(readFileSync(join(folder, name, "run.json"), "utf8")) as RunManifest);
    return { code, lines, errors, manifest };
  };

  it("finds the llms.txt from the landing page, leaves out excluded paths, lists optional documents as skipped and fails what robots.txt disallows", async () => {
    const { code, lines, manifest } = await run("scoped", ["--optional", "skip", "--exclude", "/api/**"]);
    expect(code).toBe(1);
    expect(manifest!.coverage).toEqual({ total: 11, analysed: 8, failed: 1, skipped: 2 });
    const status = Object.fromEntries(manifest!.documents.map((document) => [document.url.replace(server.url, ""), document.status]));
    expect(status).toEqual({
      "docs/quickstart.md": "analysed",
      "docs/concepts.md": "analysed",
      "docs/signing.md": "analysed",
      "docs/retries.md": "analysed",
      "docs/idempotency.md": "analysed",
      "docs/self-hosting.md": "analysed",
      "guides/dead-letter-queue.md": "analysed",
      "guides/rate-limiting.md": "analysed",
      "guides/testing-locally.html": "failed",
      "docs/faq.md": "skipped",
      "docs/changelog.md": "skipped",
    });
    const origin = server.url.replace(/\/$/, "");
    const reason = `${server.url}guides/testing-locally.html is disallowed by ${origin}/robots.txt for document-it; pass --ignore-robots to fetch it anyway`;
    expect(manifest!.documents.find((document) => document.status === "failed")!.failure).toEqual({ stage: "fetch", reason });
    expect(lines.slice(0, 3)).toEqual([`Run ${manifest!.runId}`, "  documents   8 analysed of 11 · 1 failed · 2 skipped", "  failed by   fetch 1"]);
    expect(server.requests.filter((path) => path === "/robots.txt")).toHaveLength(1);
  });

  it("with --ignore-robots, --include and --optional include, analyses exactly the included documents in index order", async () => {
    const { code, manifest } = await run("included", ["--ignore-robots", "--include", "/docs/**", "--include", "*.html", "--optional", "include"]);
    expect(code).toBe(0);
    expect(manifest!.documents.map((document) => `${document.url.replace(server.url, "")} ${document.status}`)).toEqual([
      "docs/quickstart.md analysed",
      "docs/concepts.md analysed",
      "docs/signing.md analysed",
      "docs/retries.md analysed",
      "docs/idempotency.md analysed",
      "docs/self-hosting.md analysed",
      "guides/testing-locally.html analysed",
      "docs/faq.md analysed",
      "docs/changelog.md analysed",
    ]);
  });

  it("names the flag at fault", async () => {
    const cases: Array<[string[], string]> = [
      [["--optional", "sometimes"], 'document-it: --optional must be include, last or skip, got "sometimes"'],
      [["--include", ""], "document-it: --include needs a glob on URL paths such as '/guides/**', got an empty one"],
      [["--exclude", " "], "document-it: --exclude needs a glob on URL paths such as '/guides/**', got an empty one"],
      [["--host-concurrency", "0"], 'document-it: --host-concurrency must be a positive integer, got "0"'],
    ];
    for (const [flags, message] of cases) {
      const result = await run("bad", flags);
      expect(result.code, flags.join(" ")).toBe(2);
      expect(result.errors).toEqual([message]);
    }
  });
});
