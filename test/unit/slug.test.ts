import { describe, expect, it } from "vitest";
import { createAnchorSlugger, slugify, uniqueSlugs } from "../../src/slug.ts";

describe("slugify", () => {
  it("lower-cases, strips accents and joins words with single hyphens", () => {
    expect(slugify("  Héllo, Wörld -- API_v2! ")).toBe("hello-world-api-v2");
  });

  it("returns an empty string when nothing is left", () => {
    expect(slugify("!?  --")).toBe("");
  });

  it("cuts at 80 characters without leaving a trailing hyphen", () => {
    expect(slugify(`${"a".repeat(79)} bcd`)).toBe("a".repeat(79));
  });
});

describe("createAnchorSlugger", () => {
  it("makes GitHub-style anchors and numbers repeats", () => {
    const slug = createAnchorSlugger();
    expect(["Hello World", "What's new?", "Hello World", "Hello World", "", "Ünïcode Title"].map(slug)).toEqual([
      "hello-world",
      "whats-new",
      "hello-world-1",
      "hello-world-2",
      "section",
      "ünïcode-title",
    ]);
  });

  it("starts counting afresh for each slugger", () => {
    const first = createAnchorSlugger();
    first("Intro");
    expect(createAnchorSlugger()("Intro")).toBe("intro");
  });

  it("keeps anchors unique when a heading's text equals a numbered anchor, as GitHub does", () => {
    const slug = createAnchorSlugger();
    expect(["a", "a", "a-1"].map(slug)).toEqual(["a", "a-1", "a-1-1"]);
  });
});

describe("uniqueSlugs", () => {
  it("gives distinct slugs to URLs differing only by extension or case", () => {
    expect(uniqueSlugs(["https://x.dev/docs/a.md", "https://x.dev/docs/a.html", "https://x.dev/docs/A.md"])).toEqual(["a", "a-2", "a-3"]);
  });

  it("removes the folder all URLs share", () => {
    expect(uniqueSlugs(["https://x.dev/docs/guide/install.md", "https://x.dev/docs/api/keys.md"])).toEqual(["guide-install", "api-keys"]);
  });

  it("names a directory URL index", () => {
    expect(uniqueSlugs(["https://x.dev/docs/guide/", "https://x.dev/docs/intro.md"])).toEqual(["guide-index", "intro"]);
    expect(uniqueSlugs(["https://x.dev/"])).toEqual(["index"]);
  });

  it("does not hand out a stem another URL owns", () => {
    expect(uniqueSlugs(["https://x.dev/d/a.md", "https://x.dev/d/a.html", "https://x.dev/d/a-2.md"])).toEqual(["a", "a-3", "a-2"]);
  });

  it("gives each URL the same slug whatever the order of the list", () => {
    const urls = ["https://x.dev/d/A.md", "https://x.dev/d/a.html", "https://x.dev/d/a.md", "https://x.dev/d/a-2.md", "https://x.dev/d/b.md"];
    const expected = new Map([["https://x.dev/d/a.md", "a"], ["https://x.dev/d/a.html", "a-3"], ["https://x.dev/d/A.md", "a-4"], ["https://x.dev/d/a-2.md", "a-2"], ["https://x.dev/d/b.md", "b"]]);
    for (const order of [urls, [...urls].reverse(), [urls[2]!, urls[0]!, urls[4]!, urls[1]!, urls[3]!]]) {
      expect(uniqueSlugs(order)).toEqual(order.map((url) => expected.get(url)));
    }
  });

  it("decodes percent-encoded paths before slugifying", () => {
    expect(uniqueSlugs(["https://x.dev/docs/caf%C3%A9.md", "https://x.dev/docs/b.md"])).toEqual(["cafe", "b"]);
  });

  it("returns nothing for no URLs", () => {
    expect(uniqueSlugs([])).toEqual([]);
  });
});
