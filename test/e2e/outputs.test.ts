import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { main } from "../../src/cli.ts";
import { parseLlmsTxt } from "../../src/llms-txt/index.ts";
import { countTokens } from "../../src/tokens.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { checkLinks, readOutputFolder, splitFrontMatter } from "../helpers/output-links.ts";

async function cli(args: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line) });
  return { code, stdout, stderr };
}

interface FrontMatter {
  title: string;
  generator: string;
  document_it_version: string;
  run_id: string;
  generated: string;
  provider: string;
  model: string;
  prompt_versions: Record<string, string>;
  sources: Array<{ url: string; content_sha256?: string }>;
}

describe("the outputs of a run on the examples", { timeout: 240_000 }, () => {
  const folder = temporaryFolder();
  const state = join(folder, "state.db");
  const out = join(folder, "first");
  let files: Map<string, string>;
  let manifest: RunManifest;

  beforeAll(async () => {
    const run = await cli(["run", "examples/llms.txt", "--out", out, "--state", state, "--run-id", "first"]);
    expect(run.code, run.stderr.join("\n")).toBe(0);
    files = readOutputFolder(out);
    manifest = JSON.parse(files.get("run.json")!) as RunManifest;
  }, 240_000);

  it("writes every output of the design", () => {
    for (const path of ["index.md", "global-context.md", "AGENTS.md", "llms.txt", "analysis.json", "run.json"]) expect(files.has(path), path).toBe(true);
    expect([...files.keys()].filter((path) => path.startsWith("topics/")).length).toBe(manifest.topics.length);
    expect([...files.keys()].filter((path) => path.startsWith("documents/")).length).toBe(14);
  });

  it("resolves every link of every markdown page, AGENTS.md and llms.txt to a file and heading of the output", () => {
    const { checked, broken } = checkLinks({ files, outputUrls: [pathToFileURL(`${out}/`).href] });
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it("starts every markdown page but AGENTS.md with front matter naming its sources and their content hashes", () => {
    const hashes = new Map(manifest.documents.map((document) => [document.url, document.contentHash]));
    for (const [path, content] of files) {
      if (!path.endsWith(".md") || path === "AGENTS.md") continue;
      const { frontMatter, body } = splitFrontMatter(content);
      expect(frontMatter, path).toBeDefined();
      const fields = parseYaml(frontMatter!) as FrontMatter;
      expect(fields, path).toMatchObject({ generator: "document-it", document_it_version: manifest.version, run_id: "first", generated: manifest.finishedAt, provider: "local", model: manifest.model, prompt_versions: {} });
      expect(body.startsWith(`# `), path).toBe(true);
      expect(fields.sources.length, path).toBeGreaterThan(0);
      for (const source of fields.sources) {
        if (hashes.has(source.url)) expect(source.content_sha256, `${path}: ${source.url}`).toBe(hashes.get(source.url));
      }
    }
    const page = parseYaml(splitFrontMatter(files.get("documents/docs-signing.md")!).frontMatter!) as FrontMatter;
    expect(page.sources).toEqual([{ url: pathToFileURL("examples/docs/signing.md").href, content_sha256: hashes.get(pathToFileURL("examples/docs/signing.md").href) }]);
  });

  it("writes an llms.txt our parser reads at level 4 with no diagnostic", () => {
    const parsed = parseLlmsTxt(files.get("llms.txt")!, { baseUrl: pathToFileURL(join(out, "llms.txt")).href });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.conformance).toBe(4);
  });

  it("keeps AGENTS.md within the default budget of 8000 tokens", () => {
    const agents = files.get("AGENTS.md")!;
    expect(countTokens(agents)).toBeLessThanOrEqual(8000);
    expect(agents).toMatch(/(Left out to stay within the 8000-token budget|Nothing was left out)/);
  });

  it("gives the same file names to the same input in another run", async () => {
    const again = await cli(["run", "examples/llms.txt", "--out", join(folder, "second"), "--state", state, "--run-id", "second"]);
    expect(again.code).toBe(0);
    expect([...readOutputFolder(join(folder, "second")).keys()].sort()).toEqual([...files.keys()].sort());
  });

  it("renders the run again with report: the same files, AGENTS.md within a new budget, llms.txt under a publish URL", async () => {
    const copy = join(folder, "copy");
    const result = await cli(["report", "first", "--state", state, "--out", copy, "--agents-budget", "1200", "--publish-url", "https://guides.example.com/relaykit"]);
    expect(result.code, result.stderr.join("\n")).toBe(0);
    expect(result.stdout).toEqual([`Wrote ${files.size} files of run first from its stored analyses to ${copy}`]);
    const rendered = readOutputFolder(copy);
    expect([...rendered.keys()].sort()).toEqual([...files.keys()].sort());
    // Byte for byte (compared as a flag, so a difference names the file instead of printing it).
    const changed = [...files].filter(([path, content]) => rendered.get(path) !== content).map(([path]) => path);
    expect(changed.sort()).toEqual(["AGENTS.md", "llms.txt"]);
    expect(countTokens(rendered.get("AGENTS.md")!)).toBeLessThanOrEqual(1200);
    expect(rendered.get("AGENTS.md")).toContain("Left out to stay within the 1200-token budget");
    const parsed = parseLlmsTxt(rendered.get("llms.txt")!, { baseUrl: "https://guides.example.com/relaykit/llms.txt" });
    expect(parsed.diagnostics).toEqual([]);
    expect(checkLinks({ files: rendered, outputUrls: ["https://guides.example.com/relaykit/"] }).broken).toEqual([]);
  });

  it("names the run id, the flag or the input at fault, with exit code 2", async () => {
    const cases: Array<[string[], string]> = [
      [["report", "no-such-run", "--state", state], 'no run with id "no-such-run"'],
      [["report", "--state", state], "report takes exactly one <run-id>"],
      [["report", "first", "--state", state, "--agents-budget", "100"], '--agents-budget must be at least 500 tokens, got "100"'],
      [["report", "first", "--state", state, "--agents-budget", "many"], '--agents-budget must be a positive integer, got "many"'],
      [["report", "first", "--state", state, "--publish-url", "ftp://example.com/"], '--publish-url must be an http(s) URL, got "ftp://example.com/"'],
      [["run", "examples/llms.txt", "--agents-budget", "10"], "--agents-budget must be at least 500 tokens"],
      [["report", "first", "--frobnicate"], "--frobnicate"],
    ];
    // A run that stopped before its report: its source lists no document.
    const empty = join(folder, "no-links.txt");
    writeFileSync(empty, "# Product\n\n> A summary.\n");
    expect((await cli(["run", empty, "--state", state, "--run-id", "stopped", "--out", join(folder, "stopped")])).code).toBe(2);
    cases.push([["report", "stopped", "--state", state], 'run "stopped" has not written its report yet (status failed); finish it first with: document-it resume stopped']);
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.join("\n"), args.join(" ")).toContain(message);
    }
  });
});
