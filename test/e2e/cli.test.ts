import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/types.ts";
import { runCli } from "../helpers/cli-process.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { unusedPort } from "../helpers/ports.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";

const cli = (args: string[], cwd: string) => runCli({ args, cwd });

function outputsOf(folder: string) {
  return {
    topics: readdirSync(join(folder, "topics")).length,
    documents: readdirSync(join(folder, "documents")).sort(),
    manifest: JSON.parse(readFileSync(join(folder, "run.json"), "utf8")) as RunManifest,
    analysis: JSON.parse(readFileSync(join(folder, "analysis.json"), "utf8")) as { schemaVersion: number },
  };
}

const EXPECTED_DOCUMENTS = [
  "api-cli.md", "api-rest-api.md", "api-sdk.md", "docs-changelog.md", "docs-concepts.md", "docs-faq.md", "docs-idempotency.md",
  "docs-quickstart.md", "docs-retries.md", "docs-self-hosting.md", "docs-signing.md", "guides-dead-letter-queue.md",
  "guides-rate-limiting.md", "guides-testing-locally.md",
];

describe("the document-it command", () => {
  let server: StaticServer;
  let folder: string;
  beforeAll(async () => {
    server = await startStaticServer({ root: resolve("examples") });
    folder = temporaryFolder();
  });
  afterAll(() => server.close());

  it("prints its version and per-command help with examples", async () => {
    const version = await cli(["--version"], folder);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
    for (const command of ["run", "resume", "runs"]) {
      const help = await cli([command, "--help"], folder);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: document-it ${command}`);
    }
    expect((await cli(["run", "--help"], folder)).stdout).toContain("Examples:");
  }, 60_000);

  it("runs on the examples served over HTTP and through a file path, then lists both runs", async () => {
    const overHttp = await cli(["run", `${server.url}llms.txt`, "--out", "http-out", "--run-id", "http-run"], folder);
    expect(overHttp.stderr).not.toContain("Error");
    expect(overHttp.code).toBe(0);
    expect(overHttp.stdout).toContain("Run http-run\n  documents   14 analysed of 14 · 0 failed · 0 skipped\n");
    expect(overHttp.stdout).toContain(`  output      ${join(folder, "http-out")}`);

    const fromFile = await cli(["run", resolve("examples/llms.txt"), "--out", "file-out", "--run-id", "file-run"], folder);
    expect(fromFile.code).toBe(0);

    for (const out of ["http-out", "file-out"]) {
      const outputs = outputsOf(join(folder, out));
      expect(outputs.documents).toEqual(EXPECTED_DOCUMENTS);
      expect(outputs.topics).toBeGreaterThanOrEqual(3);
      expect(outputs.manifest.coverage).toEqual({ total: 14, analysed: 14, failed: 0, skipped: 0 });
      expect(outputs.analysis.schemaVersion).toBe(1);
      for (const file of ["index.md", "global-context.md"]) expect(existsSync(join(folder, out, file))).toBe(true);
    }
    expect(existsSync(join(folder, ".document-it", "state.db"))).toBe(true);

    const runs = await cli(["runs"], folder);
    expect(runs.code).toBe(0);
    const lines = runs.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^RUN ID\s+STATUS\s+COVERAGE/);
    expect(lines.find((line) => line.startsWith("http-run"))).toMatch(/completed\s+14\/14 analysed, 0 failed/);
    expect(lines.find((line) => line.startsWith("file-run"))).toMatch(/completed\s+14\/14 analysed, 0 failed/);
  }, 120_000);

  it("rejects unusable input with exit 2, a one-line message naming it, and nothing written", async () => {
    writeFileSync(join(folder, "empty.txt"), "");
    writeFileSync(join(folder, "no-links.txt"), "# Product\n\n> A summary.\n\nSome details.\n");
    const port = await unusedPort();
    const cases: Array<[string[], string]> = [
      [["run", "missing.txt"], `source not found: ${join(folder, "missing.txt")}`],
      [["run", "empty.txt"], `source is empty: ${join(folder, "empty.txt")}`],
      [["run", "no-links.txt"], `source lists no documents`],
      [["run", `http://127.0.0.1:${port}/llms.txt`], `cannot read source http://127.0.0.1:${port}/llms.txt`],
      [["run"], "run takes exactly one <source>"],
      [["run", "x", "--concurrency", "zero"], '--concurrency must be a positive integer, got "zero"'],
      [["resume", "no-such-run"], 'no run with id "no-such-run"'],
      [["frobnicate"], 'unknown command "frobnicate"'],
    ];
    for (const [args, message] of cases) {
      const result = await cli([...args, "--out", "bad-out"], folder);
      expect(result.code, args.join(" ")).toBe(2);
      const lines = result.stderr.trim().split("\n");
      expect(lines, args.join(" ")).toHaveLength(1);
      expect(lines[0]).toContain(message);
      expect(existsSync(join(folder, "bad-out")), args.join(" ")).toBe(false);
    }
  }, 120_000);
});
