import { describe, expect, it } from "vitest";
import { globPathOf, globToRegExp } from "../../src/glob.ts";
import { applyScope } from "../../src/scope.ts";
import type { IndexEntry } from "../../src/types.ts";

const entry = (path: string, optional = false): IndexEntry => ({ id: path, url: `https://docs.test${path}`, title: path, section: optional ? "Optional" : "Docs", optional });

describe("globs on URL paths", () => {
  it("matches * within a segment, ** across segments, ? one character, anywhere when not anchored by /", () => {
    const cases: Array<[string, string, boolean]> = [
      ["/guides/*", "/guides/retries.md", true],
      ["/guides/*", "/guides/deep/retries.md", false],
      ["/guides/**", "/guides/deep/retries.md", true],
      ["/**/retries.md", "/retries.md", true],
      ["guides/*", "/docs/guides/retries.md", true],
      ["*.md", "/a/b/c.md", true],
      ["*.md", "/a/b/c.html", false],
      ["/v?/api.md", "/v2/api.md", true],
      ["/v?/api.md", "/v10/api.md", false],
      ["/api(v1).md", "/api(v1).md", true],
      ["/a b.md", globPathOf("https://docs.test/a%20b.md"), true],
    ];
    for (const [glob, path, expected] of cases) expect(globToRegExp(glob).test(path), `${glob} on ${path}`).toBe(expected);
  });
});

describe("scope of a run", () => {
  const entries = [entry("/docs/a.md"), entry("/faq.md", true), entry("/guides/b.md"), entry("/changelog.md"), entry("/extra.md", true)];
  const ids = (list: IndexEntry[]) => list.map((item) => item.id);

  it("puts optional documents last by default and caps after ordering", () => {
    const scoped = applyScope(entries, {});
    expect(ids(scoped.selected)).toEqual(["/docs/a.md", "/guides/b.md", "/changelog.md", "/faq.md", "/extra.md"]);
    expect(scoped.skipped).toEqual([]);
    expect(ids(applyScope(entries, { maxDocs: 4 }).selected)).toEqual(["/docs/a.md", "/guides/b.md", "/changelog.md", "/faq.md"]);
  });

  it("keeps index order with optional=include and lists optional documents as skipped with optional=skip", () => {
    expect(ids(applyScope(entries, { optional: "include" }).selected)).toEqual(["/docs/a.md", "/faq.md", "/guides/b.md", "/changelog.md", "/extra.md"]);
    const skipping = applyScope(entries, { optional: "skip", maxDocs: 2 });
    expect(ids(skipping.selected)).toEqual(["/docs/a.md", "/guides/b.md"]);
    // Past the cap comes first, then the optional section.
    expect(ids(skipping.skipped)).toEqual(["/changelog.md", "/faq.md", "/extra.md"]);
  });

  it("keeps only included paths and drops excluded ones, before the cap", () => {
    expect(ids(applyScope(entries, { include: ["/docs/**", "/guides/**"] }).selected)).toEqual(["/docs/a.md", "/guides/b.md"]);
    expect(ids(applyScope(entries, { exclude: ["changelog*", "/faq.md"], optional: "skip" }).selected)).toEqual(["/docs/a.md", "/guides/b.md"]);
    expect(ids(applyScope(entries, { exclude: ["changelog*", "/faq.md"], optional: "skip" }).skipped)).toEqual(["/extra.md"]);
    expect(ids(applyScope(entries, { include: ["*.md"], exclude: ["/docs/**"], maxDocs: 1 }).selected)).toEqual(["/guides/b.md"]);
  });
});
