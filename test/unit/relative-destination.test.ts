import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { relativeDestination } from "../../src/report/report-lookups.ts";

// What the quick way must agree with: path.relative from the page's folder, each segment but ".." URL-encoded.
const byPathRelative = (options: { from: string; to: string }) =>
  posix
    .relative(posix.dirname(options.from), options.to)
    .split("/")
    .map((segment) => (segment === ".." ? segment : encodeURIComponent(segment)))
    .join("/");

describe("relativeDestination", () => {
  it("links between the report's files as path.relative does, encoding each name", () => {
    const files = ["index.md", "AGENTS.md", "topics/webhooks.md", "topics/rate limits.md", "documents/x.md", "documents/deep/y.md", "documents/deep/z.md", "a/b/c/d.md", "a/b/e.md", "topics/ä#?.md"];
    for (const from of files) for (const to of files) expect(relativeDestination({ from, to }), `${from} → ${to}`).toBe(byPathRelative({ from, to }));
    expect(relativeDestination({ from: "topics/webhooks.md", to: "documents/rate limits.md" })).toBe("../documents/rate%20limits.md");
  });

  it("takes path.relative for paths with empty, '.' or '..' segments", () => {
    for (const [from, to] of [["./index.md", "topics/a.md"], ["topics/a.md", "../up.md"], ["a//b.md", "a/c.md"]] as const) {
      expect(relativeDestination({ from, to })).toBe(byPathRelative({ from, to }));
    }
  });
});
