/** Reads a report's files and checks that every link between them resolves to a file and, with a fragment, to a heading. */
import { readFileSync, readdirSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";
import { createAnchorSlugger } from "../../src/slug.ts";

const markdown = new MarkdownIt({ html: false, linkify: false });
const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n/;

/** A page's YAML front matter (without its fences) and the markdown after it. */
export function splitFrontMatter(content: string): { frontMatter: string | undefined; body: string } {
  const match = FRONT_MATTER.exec(content);
  return match ? { frontMatter: match[1], body: content.slice(match[0].length).replace(/^\n+/, "") } : { frontMatter: undefined, body: content };
}

/** Every file under `folder`, by its `/`-separated path relative to it. */
export function readOutputFolder(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(folder, path).split(sep).join("/"), readFileSync(path, "utf8"));
  }
  return files;
}

function inlineText(tokens: Token[]): string {
  return tokens.map((token) => (token.type === "text" || token.type === "code_inline" ? token.content : inlineText(token.children ?? []))).join("");
}

/** GitHub's anchors of a markdown page's headings. */
export function headingAnchors(content: string): Set<string> {
  const tokens = markdown.parse(splitFrontMatter(content).body, {});
  const slug = createAnchorSlugger();
  const anchors = new Set<string>();
  tokens.forEach((token, index) => {
    if (token.type === "heading_open") anchors.add(slug(inlineText(tokens[index + 1]?.children ?? [])));
  });
  return anchors;
}

/** Every link destination of a markdown page: inline, reference, autolink and image, plus every reference definition. */
export function markdownLinks(content: string): string[] {
  const env: { references?: Record<string, { href: string; title: string }> } = {};
  const tokens = markdown.parse(splitFrontMatter(content).body, env);
  const links: string[] = [];
  const visit = (list: Token[]) => {
    for (const token of list) {
      if (token.type === "link_open") links.push(String(token.attrGet("href") ?? ""));
      if (token.type === "image") links.push(String(token.attrGet("src") ?? ""));
      visit(token.children ?? []);
    }
  };
  visit(tokens);
  // Definitions no text uses are links an agent still reads; those in use were collected above.
  for (const reference of Object.values(env.references ?? {})) if (!links.includes(reference.href)) links.push(reference.href);
  return links;
}

/** Options of checkLinks. */
export interface CheckLinksOptions {
  files: Map<string, string>;
  /** Absolute URL prefixes that stand for the output folder (its file: URL, the publish URL). */
  outputUrls?: string[];
}

/** Checks every link of every markdown page and llms.txt; returns how many pointed into the output and which did not resolve. */
export function checkLinks(options: CheckLinksOptions): { checked: number; broken: string[] } {
  const broken: string[] = [];
  const anchors = new Map<string, Set<string>>();
  let checked = 0;
  for (const [path, content] of options.files) {
    if (!path.endsWith(".md") && !path.endsWith(".txt")) continue;
    for (const href of markdownLinks(content)) {
      const prefix = options.outputUrls?.find((url) => href.startsWith(url));
      const local = prefix === undefined ? href : href.slice(prefix.length);
      if (prefix === undefined && /^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
      checked += 1;
      const [file = "", fragment] = local.split("#");
      const target = file === "" ? path : posix.normalize(prefix === undefined ? posix.join(posix.dirname(path), decodeURIComponent(file)) : decodeURIComponent(file));
      if (!options.files.has(target)) {
        broken.push(`${path}: ${href} (no file ${target})`);
        continue;
      }
      if (fragment === undefined || fragment === "") continue;
      if (!target.endsWith(".md")) broken.push(`${path}: ${href} (a fragment into a file that is not markdown)`);
      else {
        if (!anchors.has(target)) anchors.set(target, headingAnchors(options.files.get(target)!));
        if (!anchors.get(target)!.has(decodeURIComponent(fragment))) broken.push(`${path}: ${href} (no heading #${decodeURIComponent(fragment)} in ${target})`);
      }
    }
  }
  return { checked, broken };
}
