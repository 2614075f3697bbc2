import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";
import { waitFor } from "../helpers/wait-for.ts";

interface LogLine {
  pid: number;
  event: "start" | "end" | "blocked" | "finished";
  question?: string;
  ids?: string[];
}

function runChild(args: string[], environment: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "test/helpers/child-run.ts", ...args], { env: { ...process.env, ...environment }, stdio: ["ignore", "ignore", "pipe"] });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

function readLog(file: string): LogLine[] {
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as LogLine) : [];
}


function listFiles(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(folder, full), readFileSync(full, "utf8"));
    }
  };
  walk(folder);
  return files;
}

// Run ids, times and output paths differ between two runs by design; everything else must be equal.
function normalise(text: string, runId: string, outDir: string): string {
  return text
    .replace(/"statePath": "[^"]*"/g, '"statePath": "STATE"')
    .replaceAll(runId, "RUN-ID")
    .replaceAll(outDir, "OUT-DIR")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, "TIME")
    .replace(/"(discover|context|extract|planBatches|analyse|relate|synthesize|report)": \d+/g, '"$1": MS');
}

describe("invariant 6: a killed run resumes without redoing finished work", () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await startStaticServer({ root: "examples" });
  });
  afterAll(() => server.close());

  it("SIGKILL mid-analysis, then resume: every document analysed once, outputs equal an uninterrupted run's", async () => {
    const folder = temporaryFolder();
    const source = `${server.url}llms.txt`;
    const log = join(folder, "calls.log");
    const statePath = join(folder, "state.db");

    const first = runChild(["start", statePath, "killed-run", log, source, join(folder, "resumed")], { BLOCK_AT: "4" });
    const firstExit = exited(first);
    await waitFor(() => readLog(log).some((line) => line.event === "blocked"), "the first process to block");
    // Let calls already in flight finish and be cached, then kill without warning.
    await new Promise((resolve) => setTimeout(resolve, 500));
    first.kill("SIGKILL");
    expect(await firstExit).toBe(null);
    const beforeKill = readLog(log);
    expect(beforeKill.some((line) => line.event === "finished")).toBe(false);
    const completedBeforeKill = beforeKill.filter((line) => line.event === "end").length;
    expect(completedBeforeKill).toBeGreaterThanOrEqual(3);

    const fetchesBeforeResume = server.requests.length;
    const second = runChild(["resume", statePath, "killed-run", log]);
    expect(await exited(second)).toBe(0);
    // Every document was fetched before the kill; resume fetches nothing again.
    expect(server.requests.length).toBe(fetchesBeforeResume);

    const lines = readLog(log);
    expect(lines.at(-1)?.event).toBe("finished");
    const completed = new Map<string, number>();
    for (const line of lines.filter((each) => each.event === "end")) {
      for (const id of line.ids!) completed.set(`${line.question}:${id}`, (completed.get(`${line.question}:${id}`) ?? 0) + 1);
    }
    const twice = [...completed.entries()].filter(([, count]) => count > 1);
    expect(twice).toEqual([]);
    expect([...completed.keys()].filter((key) => key.startsWith("summarize:"))).toHaveLength(14);
    expect([...completed.keys()].filter((key) => key.startsWith("topics:"))).toHaveLength(14);

    const cleanLog = join(folder, "clean.log");
    const clean = runChild(["start", join(folder, "clean.db"), "clean-run", cleanLog, source, join(folder, "clean")]);
    expect(await exited(clean)).toBe(0);

    const resumed = listFiles(join(folder, "resumed"));
    const uninterrupted = listFiles(join(folder, "clean"));
    expect([...resumed.keys()].sort()).toEqual([...uninterrupted.keys()].sort());
    for (const [path, text] of uninterrupted) {
      expect(normalise(resumed.get(path)!, "killed-run", join(folder, "resumed")), path).toBe(normalise(text, "clean-run", join(folder, "clean")));
    }
  }, 120_000);
});
