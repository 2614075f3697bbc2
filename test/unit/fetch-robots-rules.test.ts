import { describe, expect, it } from "vitest";
import { isPathAllowed, parseRobotsTxt } from "../../src/fetch/index.ts";

const ROBOTS = `\uFEFF# a comment line
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /private/
Allow: /private/open.md
Disallow: /same
Allow: /same

User-agent: document-it
User-agent: other-bot
Disallow: /drafts/   # trailing comment
Disallow: /*.pdf$
Disallow:
`;

describe("robots.txt rules (RFC 9309)", () => {
  it("takes every group naming document-it, and only those", () => {
    expect(parseRobotsTxt(ROBOTS, "document-it")).toEqual([
      { allow: false, pattern: "/drafts/" },
      { allow: false, pattern: "/*.pdf$" },
    ]);
  });

  it("falls back to the * group for a crawler no group names", () => {
    expect(parseRobotsTxt(ROBOTS, "someone-else")).toEqual([
      { allow: false, pattern: "/private/" },
      { allow: true, pattern: "/private/open.md" },
      { allow: false, pattern: "/same" },
      { allow: true, pattern: "/same" },
    ]);
    expect(parseRobotsTxt("User-agent: Googlebot\nDisallow: /\n", "document-it")).toEqual([]);
  });

  it("lets the longest matching rule decide, allow winning a tie, with * and $ patterns", () => {
    const own = parseRobotsTxt(ROBOTS, "document-it");
    const star = parseRobotsTxt(ROBOTS, "someone-else");
    const cases: Array<[typeof own, string, boolean]> = [
      [own, "/drafts/next.md", false],
      [own, "/private/secret.md", true],
      [own, "/files/manual.pdf", false],
      [own, "/files/manual.pdf?download=1", true],
      [star, "/private/secret.md", false],
      [star, "/private/open.md", true],
      [star, "/same/page", true],
      [star, "/public/page.md", true],
    ];
    for (const [rules, path, allowed] of cases) expect(isPathAllowed(rules, path), path).toBe(allowed);
  });
});
