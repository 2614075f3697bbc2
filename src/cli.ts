import { setMaxListeners } from "node:events";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import type { StartRunOptions } from "../graphs/run.ts";
import type { DryRunReport } from "../graphs/dry-run.ts";
import { formatDryRun } from "./cli/dry-run-output.ts";
import type { Services } from "../graphs/services.ts";
import { DocumentItError, describeError } from "./errors.ts";
import { formatRuns } from "./cli-format.ts";
import { interruptExitCode, listenForInterrupts } from "./cli/interrupts.ts";
import { costFlags, createCliOutput, finishRun } from "./cli/run-output.ts";
import { folder, globs, httpUrl, optionalPolicy, positiveInteger, provider, reportFlags, single } from "./cli/arguments.ts";
import { formatLlmsTxtJson, formatLlmsTxtReport, parseLlmsTxt, readLlmsTxtSource } from "./llms-txt/index.ts";
import { limitHeapGrowth } from "./heap-growth.ts";
import { VERSION } from "./version.ts";

/** Where the CLI writes, and services tests may replace. */
export interface CliOptions {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  services?: Partial<Services>;
  /** Clock of the progress display and the summary's wall time (tests pin it). */
  now?: () => number;
  /** Stops `run` and `resume` gracefully when aborted (what finished is kept; exit code 130, or 143 for SIGTERM). */
  signal?: AbortSignal;
  /** Listen for SIGINT and SIGTERM during `run` and `resume` (the process entry points set it). */
  interruptible?: boolean;
}

const HELP: Record<string, string> = {
  main: `document-it ${VERSION} — turn a product's documentation into cited implementation guidelines

Usage:
  document-it run <source> [options]   analyse an llms.txt (URL or file), a docs site URL, or a folder of markdown
  document-it resume <run-id>          continue a run that was stopped, without redoing finished work
  document-it runs                     list runs with their status and coverage
  document-it parse <file-or-url>      check an llms.txt against the llmstxt.org format and show what it lists
  document-it report <run-id>          write a run's outputs again from its stored analyses, with no LLM call
  document-it <command> --help         options of a command
  document-it --version

Examples:
  document-it run examples/llms.txt --out guidelines
  document-it runs
  document-it report 20261129T045012Z-a1b2c3 --agents-budget 4000

Exit codes: 0 every document analysed, 1 some failed (outputs still written), 2 bad usage or unusable input,
3 stopped at --max-cost (partial outputs written; \`document-it resume <run-id> --max-cost <higher>\` continues),
130 (143) stopped by Ctrl-C (SIGTERM): finished work kept, \`document-it resume <run-id>\` continues.`,
  run: `Usage: document-it run <source> [options]

  <source>             an llms.txt URL or file, a docs site or page URL (its llms.txt is discovered), or a folder of .md/.mdx files
  --out DIR            where to write the guidelines (default output/<run-id>)
  --state PATH         SQLite file for checkpoints and content (default .document-it/state.db)
  --concurrency N      most fetches and LLM requests at once (default 8); LLM concurrency halves on a 429 and climbs back
  --rpm N              LLM requests per minute, per endpoint and model (default: the endpoint's x-ratelimit-limit-requests, if sent)
  --tpm N              LLM tokens per minute, input plus output, per endpoint and model (default: x-ratelimit-limit-tokens, if sent)
  --provider NAME      analyser: openai (OpenAI or any OpenAI-compatible endpoint) or local (extractive, no network);
                       default: openai when OPENAI_API_KEY or a base URL is set, else local
  --model NAME         model for document analysis and the global context (default gpt-4.1-mini)
  --synthesis-model N  model for topic synthesis (default: --model)
  --base-url URL       OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (default OPENAI_BASE_URL)
  --prompts DIR        folder of prompt files (context.md, summarize.md, topic.md, synthesize.md…) replacing the built-in ones
  --max-docs N         analyse at most N documents (after --include/--exclude; optional ones last); the rest are listed as skipped
  --include GLOB       analyse only documents whose URL path matches; repeatable (* within a segment, ** across, ? one character)
  --exclude GLOB       leave out documents whose URL path matches; repeatable
  --optional POLICY    the "## Optional" section: include (in index order), last (after the rest; default) or skip (listed as skipped)
  --host-concurrency N most fetches to one host at once (default 4)
  --allow-private      let hosts other than the source's resolve to private or loopback addresses (the source's own host always may)
  --ignore-robots      fetch pages even where robots.txt disallows document-it
  --batch-tokens N     token budget of one analysis batch (default 12000)
  --no-cache           answer every LLM question again instead of reading cached answers (answers are still cached)
  --force GLOB         fetch documents whose URL path matches without If-None-Match/If-Modified-Since, analyse them again
                       past the cache and re-synthesise the topics they feed; repeatable, same globs as --include
  --run-id ID          name the run (default: time-based)
  --json               progress as JSON events, one per line on stdout, then a "summary" event (see README)
  --prices FILE        JSON file of model prices, USD per 1M tokens: {"models": {"<model>": {"input": 0.4, "cachedInput": 0.1,
                       "output": 1.6}}}; added to or replacing the shipped table (src/prices/models.json) model by model
  --max-cost USD       start no LLM request once spend plus the request's estimate would pass USD; what is left is recorded
                       as not analysed (cost limit), partial outputs are written, exit status 3; resume with a higher cap
  --dry-run            discover, fetch, extract and plan batches, then print what would be analysed and the estimated
                       LLM calls, tokens and cost; sends no LLM request and writes no output
  --agents-budget N    most tokens of AGENTS.md, at least 500 (default 8000); topics most important first, whole rules cut
  --publish-url URL    where the output folder will be served; llms.txt links are absolute under it (default: its file: URL)

Examples:
  document-it run examples/llms.txt
  document-it run https://docs.example.com/llms.txt --out guidelines --concurrency 16
  document-it run ./docs --max-docs 20
  OPENAI_API_KEY=sk-… document-it run https://docs.example.com/llms.txt --model gpt-4.1-mini
  OPENAI_API_KEY=sk-… document-it run https://docs.example.com/llms.txt --rpm 500 --tpm 200000 --concurrency 16
  document-it run examples/llms.txt --base-url http://127.0.0.1:11434/v1 --model llama3.1
  document-it run https://docs.example.com/guide/intro --include '/guide/**' --exclude '**/changelog*'
  document-it run https://docs.example.com/llms.txt --optional skip --host-concurrency 2`,
  resume: `Usage: document-it resume <run-id> [--state PATH] [--retry-failed] [--max-cost USD] [--json]

Continues a stopped or killed run from its last checkpoint. Finished documents are not fetched or analysed again,
and documents or topics that failed stay failed.

  --max-cost USD       a new cost cap for the whole run (spend so far included); what an earlier cap left undone is
                       tried again, finished work comes from the cache
  --json               progress as JSON events, one per line on stdout
  --retry-failed       try the documents and topics that failed in that run again (also after it finished); the rest
                       comes from the cache

Examples:
  document-it resume 20261129T045012Z-a1b2c3
  document-it resume 20261129T045012Z-a1b2c3 --retry-failed`,
  runs: `Usage: document-it runs [--state PATH] [--json]

Lists the runs in the state file, newest first, with status and coverage.

Examples:
  document-it runs
  document-it runs --state /data/document-it.db --json`,
  report: `Usage: document-it report <run-id> [--out DIR] [--state PATH] [--agents-budget N] [--publish-url URL]

Writes every output of a finished run again (markdown, AGENTS.md, llms.txt, report.html, analysis.json, run.json)
from its checkpoint and stored analyses. Builds no analyser: no LLM call, no fetch.

  <run-id>             a run listed by document-it runs
  --out DIR            where to write (default: the run's own output folder, replaced in one step)
  --state PATH         SQLite file holding the run (default .document-it/state.db)
  --agents-budget N    most tokens of AGENTS.md, at least 500 (default: the run's, else 8000)
  --publish-url URL    where the output folder will be served; llms.txt links are absolute under it

Exit codes: 0 written, 2 unknown run id, a run without a report yet, or a bad flag.

Examples:
  document-it report 20261129T045012Z-a1b2c3
  document-it report 20261129T045012Z-a1b2c3 --out agents-4k --agents-budget 4000
  document-it report 20261129T045012Z-a1b2c3 --publish-url https://docs.example.com/guidelines/`,
  parse: `Usage: document-it parse <file-or-url> [--json]

Parses an llms.txt as document-it reads it (llmstxt.org v2) and prints its title, summary, sections and links with
their line numbers, then what does not follow the format, as errors, warnings and info.

  <file-or-url>        a local llms.txt, or an http(s) URL of one
  --json               print the parsed index and its diagnostics as JSON

Exit codes: 0 the file has an H1 title, 1 it has none (or is empty, binary or HTML), 2 bad usage or unreadable source.

Examples:
  document-it parse llms.txt
  document-it parse https://docs.example.com/llms.txt --json`,
};

const OPTIONS = {
  out: { type: "string" },
  state: { type: "string" },
  concurrency: { type: "string" },
  provider: { type: "string" },
  model: { type: "string" },
  "synthesis-model": { type: "string" },
  "base-url": { type: "string" },
  prompts: { type: "string" },
  "max-docs": { type: "string" },
  "batch-tokens": { type: "string" },
  rpm: { type: "string" },
  tpm: { type: "string" },
  "run-id": { type: "string" },
  include: { type: "string", multiple: true },
  exclude: { type: "string", multiple: true },
  optional: { type: "string" },
  "host-concurrency": { type: "string" },
  "allow-private": { type: "boolean" },
  "ignore-robots": { type: "boolean" },
  "no-cache": { type: "boolean" },
  force: { type: "string", multiple: true },
  "retry-failed": { type: "boolean" },
  prices: { type: "string" },
  "max-cost": { type: "string" },
  "dry-run": { type: "boolean" },
  "agents-budget": { type: "string" },
  "publish-url": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], options: CliOptions = {}): Promise<number> {
  const stdout = options.stdout ?? ((text: string) => process.stdout.write(`${text}\n`));
  const stderr = options.stderr ?? ((text: string) => process.stderr.write(`${text}\n`));
  let tracesMayBePending = false;
  let interrupts: { signal: AbortSignal; stop: () => void } | undefined;
  let signal = options.signal;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    if (values.version) return stdout(VERSION), 0;
    if (!command || (values.help && !HELP[command])) return stdout(HELP["main"]!), command ? 2 : values.help ? 0 : 2;
    if (values.help) return stdout(HELP[command]!), 0;
    const output = createCliOutput({ json: Boolean(values.json), stdout, stderr, stderrReplaced: options.stderr !== undefined, ...(options.now ? { now: options.now } : {}) });
    const onEvent = options.services?.onEvent ?? output.onEvent;
    const services = { ...options.services, onEvent };
    if (command === "parse") {
      const source = single(rest, "parse", "<file-or-url>");
      const { url, text } = await readLlmsTxtSource({ source, ...(options.services?.fetch ? { fetch: options.services.fetch } : {}) });
      const parsed = parseLlmsTxt(text, { baseUrl: url });
      stdout(values.json ? formatLlmsTxtJson({ parsed, source: url }) : formatLlmsTxtReport({ parsed, source }));
      // Only the H1 is required by the format; everything else is reported but does not fail the check.
      return parsed.title === undefined ? 1 : 0;
    }
    // Loaded only for commands that run the graph, so --help and --version answer at once.
    tracesMayBePending = true;
    // A V8 flag is process-wide: the CLI, which owns its process, sets it; the library never does.
    limitHeapGrowth();
    const { listRuns, resumeRun, startRun } = await import("../graphs/run.ts");
    if (options.interruptible && (command === "run" || command === "resume")) interrupts = listenForInterrupts({ stderr });
    signal ??= interrupts?.signal;
    switch (command) {
      case "run": {
        const source = single(rest, "run", "<source>");
        const runOptions: StartRunOptions = {
          source,
          ...(values.out ? { outDir: values.out } : {}),
          ...(values.state ? { statePath: values.state } : {}),
          ...(values["run-id"] ? { runId: values["run-id"] } : {}),
          ...(values.concurrency ? { concurrency: positiveInteger(values.concurrency, "--concurrency") } : {}),
          ...(values["max-docs"] ? { maxDocs: positiveInteger(values["max-docs"], "--max-docs") } : {}),
          ...(values["batch-tokens"] ? { batchTokens: positiveInteger(values["batch-tokens"], "--batch-tokens") } : {}),
          ...(values.rpm ? { requestsPerMinute: positiveInteger(values.rpm, "--rpm") } : {}),
          ...(values.tpm ? { tokensPerMinute: positiveInteger(values.tpm, "--tpm") } : {}),
          ...(values.provider ? { provider: provider(values.provider) } : {}),
          ...(values.model ? { model: values.model } : {}),
          ...(values["synthesis-model"] ? { synthesisModel: values["synthesis-model"] } : {}),
          ...(values["base-url"] ? { baseUrl: httpUrl(values["base-url"], "--base-url") } : {}),
          ...(values.prompts ? { promptsDirectory: folder(values.prompts, "--prompts") } : {}),
          ...(values.include ? { include: globs(values.include, "--include") } : {}),
          ...(values.exclude ? { exclude: globs(values.exclude, "--exclude") } : {}),
          ...(values.optional ? { optional: optionalPolicy(values.optional) } : {}),
          ...(values["host-concurrency"] ? { hostConcurrency: positiveInteger(values["host-concurrency"], "--host-concurrency") } : {}),
          ...(values["allow-private"] ? { allowPrivate: true } : {}),
          ...(values["ignore-robots"] ? { ignoreRobots: true } : {}),
          ...reportFlags(values),
          ...(values["no-cache"] ? { noCache: true } : {}),
          ...(values.force ? { force: globs(values.force, "--force") } : {}),
          ...costFlags(values),
          services,
          ...(signal ? { signal } : {}),
        };
        if (values["dry-run"]) return printDryRun(await (await import("../graphs/dry-run.ts")).dryRun(runOptions), values.json ? "json" : "text", stdout);
        return finishRun(output, await startRun(runOptions));
      }
      case "resume": {
        const runId = single(rest, "resume", "<run-id>");
        const maxCostUsd = costFlags(values).maxCostUsd;
        return finishRun(output, await resumeRun({ runId, ...(values.state ? { statePath: values.state } : {}), ...(values["retry-failed"] ? { retryFailed: true } : {}), ...(maxCostUsd ? { maxCostUsd } : {}), services, ...(signal ? { signal } : {}) }));
      }
      case "report": {
        const runId = single(rest, "report", "<run-id>");
        const { reportRun } = await import("../graphs/report-run.ts");
        const written = await reportRun({ runId, ...(values.state ? { statePath: values.state } : {}), ...(values.out ? { outDir: values.out } : {}), ...reportFlags(values) });
        stdout(`Wrote ${written.files.length} files of run ${written.runId} from its stored analyses to ${written.outDir}`);
        return 0;
      }
      case "runs": {
        const runs = listRuns({ ...(values.state ? { statePath: values.state } : {}) });
        stdout(values.json ? JSON.stringify(runs, null, 2) : formatRuns(runs));
        return 0;
      }
      default:
        throw new DocumentItError("USAGE", `unknown command "${command}" (commands: run, resume, runs, parse, report; see --help)`);
    }
  } catch (error) {
    const usage = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    stderr(`document-it: ${describeError(error)}`);
    if (error instanceof Error && error.name === "RunInterruptedError") return interruptExitCode(signal?.reason);
    if (usage || (error instanceof DocumentItError && error.isInputError)) return 2;
    return 1;
  } finally {
    interrupts?.stop();
    // On every exit path of a graph command: LangSmith (with LANGSMITH_TRACING) sends runs in the background, and an exit loses them.
    if (tracesMayBePending) {
      const { flushTraces } = await import("./tracing.ts");
      if (!(await flushTraces())) stderr("document-it: traces were not all sent to LangSmith within 15 s");
    }
  }
}

function printDryRun(report: DryRunReport, format: "json" | "text", stdout: (text: string) => void): number {
  if (format === "json") stdout(JSON.stringify({ type: "dry-run", ...report }));
  else for (const line of formatDryRun(report)) stdout(line);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // LangGraph listens on one abort signal per task of a step; hundreds of Send tasks are not a leak.
  setMaxListeners(1000);
  process.exitCode = await main(process.argv.slice(2), { interruptible: true });
}
