import { spawn } from "node:child_process";
import { resolve } from "node:path";

/** The CLI's entry point, as `npx document-it` runs it. */
export const CLI_BIN = resolve("bin/document-it.js");

/**
 * Runs `document-it <args>` in its own process and collects its output. Asynchronous on purpose: the HTTP
 * servers the command talks to live in the test's process.
 */
export function runCli(options: { args: string[]; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI_BIN, ...options.args], { cwd: options.cwd ?? process.cwd(), env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}
