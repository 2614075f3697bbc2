import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import { documentIdFor } from "../../src/source.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { createRecordingAnalyser } from "../helpers/recording-analyser.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";

describe("invariant 2: a document's failure stays in its branch", () => {
  let server: StaticServer;
  let folder: string;

  beforeAll(async () => {
    folder = temporaryFolder();
    cpSync("examples", join(folder, "site"), { recursive: true });
    const index = readFileSync(join(folder, "site", "llms.txt"), "utf8");
    writeFileSync(join(folder, "site", "llms.txt"), index.replace("## Guides\n", "## Guides\n\n- [Missing page](guides/missing.md): answers 404\n"));
    server = await startStaticServer({ root: join(folder, "site") });
  });
  afterAll(() => server.close());

  it("finishes every other document, lists both failures with reasons in run.json and index.md, exits 1", async () => {
    const refused = documentIdFor(`${server.url}docs/retries.md`);
    const analyser = createRecordingAnalyser({ failFor: [refused] });
    const out = join(folder, "out");
    const lines: string[] = [];
    const code = await main(["run", `${server.url}llms.txt`, "--out", out, "--state", join(folder, "state.db"), "--max-docs", "50"], {
      stdout: (line) => lines.push(line),
      stderr: () => undefined,
      services: { analyser, onEvent: () => undefined },
    });
    expect(code).toBe(1);

    const manifest = JSON.parse(readFileSync(join(out, "run.json"), "utf8")) as RunManifest;
    expect(manifest.coverage).toEqual({ total: 15, analysed: 13, failed: 2, skipped: 0 });
    const failures = manifest.documents.filter((document) => document.status === "failed");
    expect(failures.map((document) => [document.url, document.failure?.stage])).toEqual([
      [`${server.url}docs/retries.md`, "topic"],
      [`${server.url}guides/missing.md`, "fetch"],
    ]);
    expect(failures[0]!.failure!.reason).toBe(`analyser refused document ${refused}`);
    expect(failures[1]!.failure!.reason).toBe(`HTTP 404 Not Found for ${server.url}guides/missing.md`);

    const index = readFileSync(join(out, "index.md"), "utf8");
    expect(index).toContain(`analyser refused document ${refused}`);
    expect(index).toContain(`HTTP 404 Not Found for ${server.url}guides/missing.md`);
    expect(lines.join("\n")).toContain(`failed: ${server.url}guides/missing.md — fetch: HTTP 404 Not Found`);

    // The refused document was first asked in its batch, then alone; its batch-mates were answered without it.
    const summarized = analyser.calls.filter((call) => call.question === "summarize" && !call.failed).flatMap((call) => call.ids);
    expect(new Set(summarized).size).toBe(13);
    expect(summarized).not.toContain(refused);
  }, 120_000);
});
