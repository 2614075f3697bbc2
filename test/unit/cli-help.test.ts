import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (text) => (stdout += `${text}\n`), stderr: (text) => (stderr += `${text}\n`) });
  return { code, stdout, stderr };
}

describe("document-it --help", () => {
  it.each(["run", "resume", "runs", "parse", "report"])("shows the usage and runnable examples of %s", async (command) => {
    const help = await cli([command, "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: document-it ${command}`);
    expect(help.stdout).toContain("Examples:\n");
    const examples = help.stdout.slice(help.stdout.indexOf("Examples:\n")).split("\n").slice(1);
    expect(examples[0]).toMatch(new RegExp(`^  (\\S+=\\S+ )?document-it ${command}( |$)`));
  });

  it("lists every command, report included, with examples in the main help", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["run", "resume", "runs", "parse", "report"]) expect(help.stdout).toContain(`document-it ${command} `);
    expect(help.stdout).toContain("Examples:\n");
  });

  // The run command loads the graph before it checks its flags, which takes seconds on a busy machine.
  it("names the flag at fault, with exit code 2", { timeout: 60_000 }, async () => {
    const cases: Array<[string[], string]> = [
      [["run", "examples/llms.txt", "--agents-budget", "12.5"], '--agents-budget must be a positive integer, got "12.5"'],
      [["run", "examples/llms.txt", "--publish-url", "guides/"], '--publish-url must be an http(s) URL, got "guides/"'],
      [["run", "examples/llms.txt", "--agents-budget"], "--agents-budget"],
      [["report", "a", "b"], "report takes exactly one <run-id>, got 2: a b"],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toContain(message);
    }
  });
});
