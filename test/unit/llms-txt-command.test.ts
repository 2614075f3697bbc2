import { pathToFileURL } from "node:url";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import { fixturePath } from "../helpers/llms-txt-fixtures.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";

async function parseCommand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(["parse", ...args], { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text) });
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

describe("document-it parse", () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await startStaticServer({ root: dirname(fixturePath("empty.txt")) });
  });
  afterAll(() => server.close());

  it("prints the index with line numbers and its diagnostics, and exits 0 when the file has an H1", async () => {
    const path = fixturePath("optional.txt");
    expect(await parseCommand(path)).toEqual({
      code: 0,
      stdout: [
        `${path}: conformance 4 of 4, H1 title and link sections`,
        "",
        "Title    Acme (line 1)",
        "Summary  (none)",
        "Details  (none)",
        "",
        "Sections (2, 2 links)",
        "  Docs (line 3)",
        "    5  [A](https://x.dev/a.md)",
        "  Optional (line 7, optional: secondary links)",
        "    9  [Changelog](https://x.dev/changelog.md): History",
        "",
        "Diagnostics: 0 errors, 0 warnings, 1 info",
        "  line 1      info     missing-summary        no > blockquote summary follows the H1",
      ].join("\n"),
      stderr: "",
    });
  });

  it("prints JSON with --json, every part present", async () => {
    const result = await parseCommand("--json", fixturePath("title-only.txt"));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      source: pathToFileURL(fixturePath("title-only.txt")).href,
      title: "Title only",
      summary: null,
      info: null,
      sections: {},
      titleLine: 1,
      orderedSections: [],
      diagnostics: [{ code: "missing-summary", severity: "info", line: 1, message: "no > blockquote summary follows the H1" }],
      conformance: 2,
    });
  });

  it("exits 1 when there is no H1, or the input is empty, HTML or binary", async () => {
    const codes: Record<string, number> = {};
    for (const name of ["no-h1.txt", "empty.txt", "html-page.txt", "binary.bin"]) codes[name] = (await parseCommand(fixturePath(name))).code;
    expect(codes).toEqual({ "no-h1.txt": 1, "empty.txt": 1, "html-page.txt": 1, "binary.bin": 1 });
  });

  it("exits 2 on a missing file and on usage errors", async () => {
    const missing = fixturePath("missing.txt");
    expect(await parseCommand(missing)).toEqual({ code: 2, stdout: "", stderr: `document-it: file not found: ${missing}` });
    expect(await parseCommand()).toEqual({ code: 2, stdout: "", stderr: "document-it: parse takes exactly one <file-or-url> (see document-it parse --help)" });
    expect((await parseCommand("a.txt", "b.txt")).code).toBe(2);
    expect((await parseCommand("--no-such-flag", "a.txt")).code).toBe(2);
  });

  it("reads a URL and resolves relative links against it; exits 2 when the URL cannot be read", async () => {
    const result = await parseCommand("--json", `${server.url}relative-links.txt`);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { sections: unknown }).sections).toEqual({
      Docs: [
        { title: "B", url: `${server.url}b.md`, kind: "document", line: 5 },
        { title: "Root", url: `${server.url}c.md`, kind: "document", line: 6 },
        { title: "Up", url: `${server.url}d.md#part`, kind: "document", line: 7 },
        { title: "Absolute", url: "https://other.dev/e.md", kind: "document", line: 8 },
      ],
    });
    const missing = await parseCommand(`${server.url}missing.txt`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`document-it: cannot read ${server.url}missing.txt: HTTP 404 Not Found for ${server.url}missing.txt`);
  });

  it("has its own help and is listed in the main help", async () => {
    const help: string[] = [];
    expect(await main(["parse", "--help"], { stdout: (text) => help.push(text) })).toBe(0);
    expect(help.join("\n")).toContain("Usage: document-it parse <file-or-url> [--json]");
    const mainHelp: string[] = [];
    expect(await main(["--help"], { stdout: (text) => mainHelp.push(text) })).toBe(0);
    expect(mainHelp.join("\n")).toContain("document-it parse <file-or-url>");
  });
});
