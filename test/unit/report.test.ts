import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderReport, writeReport } from "../../src/report/index.ts";
import { formatCodeBlock, formatInline, formatTableCell } from "../../src/report/markdown.ts";
import { createReportInput } from "../fixtures/report-input.ts";
import { checkLinks, splitFrontMatter } from "../helpers/output-links.ts";

const NOTE_START = "> **Note:** these guidelines were produced by the local extractive analyser";

function page(files: Map<string, string>, path: string): string {
  const content = files.get(path);
  if (content === undefined) throw new Error(`no rendered file ${path}`);
  return content;
}

function lines(content: string): string[] {
  return content.split("\n");
}

describe("renderReport", () => {
  const files = renderReport(createReportInput());

  it("renders one page per guideline and per document record, plus the fixed files", () => {
    expect([...files.keys()]).toEqual([
      "index.md",
      "global-context.md",
      "topics/webhook-signing.md",
      "topics/retries.md",
      "documents/signing.md",
      "documents/retries.md",
      "documents/broken.md",
      "documents/limits.md",
      "documents/changelog.md",
      "report.html",
      "analysis.json",
      "run.json",
      "AGENTS.md",
      "llms.txt",
    ]);
  });

  it("states the coverage and names every failed document with its URL, stage and reason", () => {
    const index = lines(page(files, "index.md"));
    expect(index).toContain("Analysed 2 of 5 documents; 2 failed; 1 skipped.");
    const start = index.indexOf("### Failures") + 2;
    const failures = index.slice(start, index.indexOf("", start));
    expect(failures).toEqual([
      "- [Broken page](documents/broken.md) ([https://example.com/docs/broken.md](https://example.com/docs/broken.md)): failed at fetch: HTTP 404 Not Found",
      "- [Rate limits](documents/limits.md) ([https://example.com/docs/limits.md](https://example.com/docs/limits.md)): failed at summarize: Model timed out after 30 s",
    ]);
  });

  it("names the topics whose guideline failed", () => {
    expect(page(files, "index.md")).toContain("### Topics without a guideline\n\n- Release notes: synthesize timed out\n");
  });

  it("says so when nothing failed", () => {
    const input = createReportInput();
    input.documents = input.documents.filter((entry) => entry.record.status !== "failed");
    input.manifest.documents = input.manifest.documents.filter((document) => document.status !== "failed");
    expect(page(renderReport(input), "index.md")).toContain("### Failures\n\nNo failures.\n");
  });

  it("names a failed document that only the manifest knows", () => {
    const input = createReportInput();
    input.documents = input.documents.filter((entry) => entry.record.id !== "doc-c");
    expect(lines(page(renderReport(input), "index.md"))).toContain(
      "- Broken page ([https://example.com/docs/broken.md](https://example.com/docs/broken.md)): failed at fetch: HTTP 404 Not Found",
    );
  });

  it("links citations to the cited section of the source and lists the sources", () => {
    const topic = lines(page(files, "topics/webhook-signing.md"));
    expect(topic).toContain("Sign every payload with the shared secret. [[1]](https://example.com/docs/signing.md#signing)");
    // [9] cites no source, so it is left out rather than rendered as a dead link.
    expect(topic).toContain("2. \\- Compute the `HMAC | SHA-256` of the body. [[1]](https://example.com/docs/signing.md#signing)");
    expect(topic).toContain(
      "- [[1]](https://example.com/docs/signing.md#signing) Signing \\| verification, section “Signing” ([document page](../documents/signing.md))",
    );
    expect(topic).toContain("- [[2]](https://example.com/docs/retries.md) \\# Retries\\](../../etc/passwd) ([document page](../documents/retries.md))");
  });

  it("escapes | in table cells and keeps newlines out of them", () => {
    expect(lines(page(files, "index.md"))).toContain(
      "| [Signing \\| verification](documents/signing.md) | Guides | analysed | 120 | [https://example.com/docs/signing.md](https://example.com/docs/signing.md) |",
    );
    expect(lines(page(files, "global-context.md"))).toContain("| Secret | Shared key per endpoint | [\\# Retries\\](../../etc/passwd)](documents/retries.md) |");
  });

  it("fences code with a fence longer than any backtick run inside it", () => {
    expect(page(files, "topics/webhook-signing.md")).toContain("\n````ts\n// ``` inside\nsign(body);\n````\n");
    expect(page(files, "documents/signing.md")).toContain("\n````ts\nconst doc = ```not a fence```;\n````\n");
    expect(formatCodeBlock({ code: "a ````` b", language: "j`s x" })).toBe("``````js\na ````` b\n``````");
  });

  it("keeps a hostile document title from becoming a heading or a link", () => {
    const retries = page(files, "documents/retries.md");
    expect(lines(splitFrontMatter(retries).body)[0]).toBe("# \\# Retries\\](../../etc/passwd)");
    for (const [path, content] of files) {
      if (!path.endsWith(".md")) continue;
      expect(lines(content).filter((line) => line.startsWith("# ")), path).toHaveLength(1);
    }
  });

  it("quotes the index details without letting their heading, HTML or relative links through", () => {
    const context = page(files, "global-context.md");
    expect(context).toContain("> \\# Not a page heading\n>\n> See [the guide](https://example.com/guide.md) and &lt;script>alert(1)&lt;/script>.\n");
    expect(lines(context)).toContain("| Signing | HMAC \\| SHA-256 signatures | 9 | [Signing \\| verification](documents/signing.md) |");
  });

  it("shows the context's history", () => {
    expect(page(files, "global-context.md")).toContain(
      "## History\n\n- Version 1, by discover: nothing added\n- Version 3, by relate: added Signing, Secret\n",
    );
  });

  it("links related documents that have a page and names the others", () => {
    expect(page(files, "documents/signing.md")).toContain(
      "## Related documents\n\n- [\\# Retries\\](../../etc/passwd)](retries.md)\n- doc-gone\n",
    );
  });

  it("shows the failure on a failed document's page", () => {
    expect(page(files, "documents/broken.md")).toContain("## Failure\n\nThe document failed at the **fetch** stage: HTTP 404 Not Found\n");
  });

  it("links topics only when their page exists", () => {
    expect(page(files, "documents/signing.md")).toContain(
      "## Topics\n\n- [Webhook signing](../topics/webhook-signing.md)\n- Release notes\n- HMAC details (relevance 0.20, not merged into a topic)\n",
    );
    expect(lines(page(files, "index.md"))).toContain("| [Webhook signing](topics/webhook-signing.md) | 2 | [Retries](topics/retries.md), Release notes |");
  });

  it("puts the extractive note on every page, and only for an extractive run", () => {
    // AGENTS.md says it in fewer tokens.
    const note = (path: string) => (path === "AGENTS.md" ? "> Extractive: the local analyser quoted these rules" : NOTE_START);
    for (const [path, content] of files) if (path.endsWith(".md")) expect(content, path).toContain(note(path));
    const input = createReportInput();
    input.manifest.extractive = false;
    for (const [path, content] of renderReport(input)) if (path.endsWith(".md")) expect(content, path).not.toContain(note(path));
  });

  it("resolves every relative link of every page to a rendered file and heading", () => {
    const { checked, broken } = checkLinks({ files });
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it("writes analysis.json and run.json as pretty-printed data", () => {
    const input = createReportInput();
    const analysis = JSON.parse(page(files, "analysis.json"));
    expect(analysis).toMatchObject({ schemaVersion: 1, generator: "document-it", runId: "run-0001", index: input.index });
    expect(analysis.documents.map((entry: { record: { slug: string } }) => entry.record.slug)).toEqual(["signing", "retries", "broken", "limits", "changelog"]);
    expect(analysis.documents[2]).toEqual({ record: input.documents[2]?.record, summary: null, topics: null });
    expect(analysis.guidelines).toEqual(input.guidelines);
    expect(page(files, "run.json")).toBe(`${JSON.stringify(input.manifest, null, 2)}\n`);
  });

  it("is deterministic", () => {
    expect(renderReport(createReportInput())).toEqual(files);
  });

  it("refuses two files with the same path", () => {
    const input = createReportInput();
    input.documents[1]!.record.slug = "signing";
    expect(() => renderReport(input)).toThrow('Two report files would be written to "documents/signing.md"');
  });
});

describe("markdown escaping", () => {
  it("escapes markup but keeps code spans and harmless leading characters", () => {
    expect(formatInline("Use `a|b` or *c*\n- d")).toBe("Use `a|b` or \\*c\\* - d");
    expect(formatInline("- item")).toBe("\\- item");
    expect(formatInline("0.1.0 and -flag")).toBe("0.1.0 and -flag");
    expect(formatInline("3. step")).toBe("3\\. step");
    expect(formatTableCell("`a|b`")).toBe("\\`a\\|b\\`");
  });

  it("makes any whitespace one line of single spaces, and leaves text that already is one as it is", () => {
    expect(formatInline("  a\t b\u00a0\u00a0c\r\n")).toBe("a b c");
    expect(formatInline(" a")).toBe("a");
    expect(formatInline("a ")).toBe("a");
    expect(formatInline("a\u2003b")).toBe("a b");
    expect(formatTableCell("x  y")).toBe("x y");
    expect(formatInline("plain words, one space")).toBe("plain words, one space");
  });
});

describe("writeReport", () => {
  let parent: string;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), "document-it-report-"));
  });

  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it("replaces an existing folder and leaves no temporary folder", async () => {
    const outDir = join(parent, "out");
    await mkdir(join(outDir, "topics"), { recursive: true });
    await writeFile(join(outDir, "topics", "stale.md"), "old");

    const result = await writeReport({ outDir, input: createReportInput() });

    expect(result.outDir).toBe(outDir);
    expect(result.files).toEqual([...renderReport(createReportInput()).keys()]);
    expect(await readdir(parent)).toEqual(["out"]);
    expect(existsSync(join(outDir, "topics", "stale.md"))).toBe(false);
    expect((await readdir(join(outDir, "topics"))).sort()).toEqual(["retries.md", "webhook-signing.md"]);
    expect(await readFile(join(outDir, "documents", "broken.md"), "utf8")).toBe(page(renderReport(createReportInput()), "documents/broken.md"));
  });

  it("refuses a path that escapes the folder and leaves everything as it was", async () => {
    const outDir = join(parent, "out");
    await mkdir(outDir);
    await writeFile(join(outDir, "keep.md"), "old");
    const input = createReportInput();
    input.documents[4]!.record.slug = "../../escaped";

    await expect(writeReport({ outDir, input })).rejects.toThrow('Refusing to write "documents/../../escaped.md"');

    expect(await readdir(parent)).toEqual(["out"]);
    expect(await readdir(outDir)).toEqual(["keep.md"]);
  });

  it("removes the temporary folder and keeps the old output when a file cannot be written", async () => {
    const outDir = join(parent, "out");
    await mkdir(outDir);
    await writeFile(join(outDir, "keep.md"), "old");
    const input = createReportInput();
    // A file name longer than any file system allows fails after other files were written.
    input.guidelines[1]!.topicId = "r".repeat(300);

    await expect(writeReport({ outDir, input })).rejects.toThrow(/ENAMETOOLONG/);

    expect(await readdir(parent)).toEqual(["out"]);
    expect(await readdir(outDir)).toEqual(["keep.md"]);
  });
});

describe("the link check of the output tests", () => {
  it("reports a missing file, a missing heading and a link outside the output, and accepts good ones", () => {
    const files = new Map([
      ["index.md", "---\ntitle: \"x\"\n---\n\n# Index\n\n## How to implement\n\n[ok](topics/a.md#pitfalls) [self](#how-to-implement) [gone](topics/b.md) [bad anchor](topics/a.md#nope) [ref]\n\n[ref]: <https://out.example/topics/a.md#nowhere>\n"],
      ["topics/a.md", "# A\n\n## Pitfalls\n"],
    ]);
    expect(checkLinks({ files, outputUrls: ["https://out.example/"] })).toEqual({
      checked: 5,
      broken: [
        "index.md: topics/b.md (no file topics/b.md)",
        "index.md: topics/a.md#nope (no heading #nope in topics/a.md)",
        "index.md: https://out.example/topics/a.md#nowhere (no heading #nowhere in topics/a.md)",
      ],
    });
  });
});
