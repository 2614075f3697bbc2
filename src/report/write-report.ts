/** Writes a rendered report to disk so that the output folder is either the old one or the complete new one. */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { DocumentItError } from "../errors.ts";
import type { ReportInput } from "../types.ts";
import { renderReport } from "./render-report.ts";

// Paths come from slugs and topic ids, which come from documents: check them even though they are built to be safe.
function assertInsideOutput(options: { outDir: string; path: string }): void {
  const segments = options.path.split(/[/\\]/);
  const escapes =
    options.path === "" ||
    isAbsolute(options.path) ||
    /^[a-z]:/i.test(options.path) ||
    options.path.includes("\0") ||
    segments.some((segment) => segment === "" || segment === "." || segment === "..");
  const target = resolve(options.outDir, options.path);
  if (escapes || !target.startsWith(options.outDir + sep)) {
    throw new DocumentItError("OUTPUT_FAILED", `Refusing to write "${options.path}": it is not a plain path inside ${options.outDir}`);
  }
}

// Files are written synchronously, one after another: the report is the run's last step, nothing waits on the event
// loop meanwhile, and a few hundred small files take a third of the time and CPU that fs/promises spends (each of its
// writes opens, writes and closes through libuv's thread pool).
function writeFiles(files: ReadonlyArray<readonly [string, string]>): void {
  for (const [target, content] of files) writeFileSync(target, content, "utf8");
}

/** Options of writeReport. */
export interface WriteReportOptions {
  outDir: string;
  input: ReportInput;
  /** Most tokens of AGENTS.md (default 8000). */
  agentsBudget?: number;
  /** URL the output folder will be published at; llms.txt links are absolute under it (default: the folder's file: URL). */
  publishUrl?: string;
}

/** Renders the report and writes it to `outDir`, replacing any previous folder only once every file is written. */
export async function writeReport(options: WriteReportOptions): Promise<{ outDir: string; files: string[] }> {
  const outDir = resolve(options.outDir);
  const outputUrl = options.publishUrl === undefined ? pathToFileURL(`${outDir}${sep}`).href : options.publishUrl.replace(/\/?$/, "/");
  const files = renderReport(options.input, { outputUrl, ...(options.agentsBudget === undefined ? {} : { agentsBudget: options.agentsBudget }) });
  for (const path of files.keys()) assertInsideOutput({ outDir, path });

  const temporaryDir = `${outDir}.tmp-${randomBytes(6).toString("hex")}`;
  try {
    await mkdir(temporaryDir, { recursive: true });
    const targets = [...files].map(([path, content]) => [join(temporaryDir, path), content] as const);
    for (const folder of new Set(targets.map(([target]) => dirname(target)))) await mkdir(folder, { recursive: true });
    writeFiles(targets);
    // Move the old folder aside before the swap, so a failed rename can put it back.
    const previousDir = `${outDir}.old-${randomBytes(6).toString("hex")}`;
    const hadPrevious = await rename(outDir, previousDir).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return false;
        throw error;
      },
    );
    try {
      await rename(temporaryDir, outDir);
    } catch (error) {
      if (hadPrevious) await rename(previousDir, outDir);
      throw error;
    }
    if (hadPrevious) await rm(previousDir, { recursive: true, force: true });
  } catch (error) {
    await rm(temporaryDir, { recursive: true, force: true });
    throw error;
  }
  return { outDir, files: [...files.keys()] };
}
