import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { RunResult } from "../graphs/run.ts";
import type { benchRunOptions } from "./pipeline.ts";

/** What bench/pipeline-child.ts is asked to do: start a run, or resume one from its state database. */
export interface ChildRunRequest {
  mode: "start" | "resume";
  runId: string;
  statePath: string;
  /** The run's options (start only); services cannot cross a process boundary. */
  run: Omit<Parameters<typeof benchRunOptions>[0], "runId" | "statePath" | "services">;
}

/** What the child prints when its run finished. */
export interface ChildRunReport {
  wallMs: number;
  /** Peak resident set size of the child (process.resourceUsage().maxRSS). */
  maxRssBytes: number;
  coverage: RunResult["coverage"];
}

/** A running child: `finished` settles with its report, or with undefined when it died before reporting (SIGKILL). */
export interface PipelineChild {
  process: ChildProcess;
  finished: Promise<ChildRunReport | undefined>;
}

const CHILD = fileURLToPath(new URL("./pipeline-child.ts", import.meta.url));

/** Spawns one pipeline run in a child Node process (through tsx, as `npm run bench` runs). */
export function spawnPipelineChild(request: ChildRunRequest): PipelineChild {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, JSON.stringify(request)], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const finished = new Promise<ChildRunReport | undefined>((resolve, reject) => {
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") return resolve(undefined);
      const last = stdout.trim().split("\n").at(-1);
      if (code !== 0 || !last) return reject(new Error(`pipeline child exited with ${code ?? signal}: ${stderr.slice(-2000)}`));
      resolve(JSON.parse(last) as ChildRunReport);
    });
  });
  return { process: child, finished };
}
