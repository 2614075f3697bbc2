import { writtenDestination } from "./markdown.ts";
import type { LlmsTxtLinkKind } from "./types.ts";

/** A link destination resolved, or the reason it cannot be used. */
export type ResolvedLink =
  | { ok: true; url: string; relative: boolean }
  | { ok: false; code: "invalid-url" | "unsupported-scheme"; message: string };

/** Options of resolveLink. */
export interface ResolveLinkOptions {
  /** The destination as markdown-it gives it (already percent-encoded). */
  href: string;
  /** URL of the llms.txt, when known. */
  base: URL | undefined;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// Only used to check that a relative destination is well formed when there is no base to resolve it against.
const PLACEHOLDER_BASE = "https://relative.invalid/";

/** Resolves a link destination against the llms.txt's own URL and checks that document-it can read what it names. */
export function resolveLink(options: ResolveLinkOptions): ResolvedLink {
  const { href, base } = options;
  if (!href.trim()) return { ok: false, code: "invalid-url", message: "the link has an empty destination" };
  if (SCHEME.test(href)) {
    const url = parseUrl(href);
    if (!url) return { ok: false, code: "invalid-url", message: `"${writtenDestination(href)}" is not a valid URL` };
    // A file: link is only readable next to a local llms.txt; from a remote one it would reach into the reader's disk.
    const readable = url.protocol === "http:" || url.protocol === "https:" || (url.protocol === "file:" && base?.protocol === "file:");
    if (!readable) return { ok: false, code: "unsupported-scheme", message: `"${writtenDestination(href)}" uses ${url.protocol}, which document-it does not read` };
    return { ok: true, url: url.href, relative: false };
  }
  const resolved = parseUrl(href, base ?? PLACEHOLDER_BASE);
  if (!resolved) return { ok: false, code: "invalid-url", message: `"${writtenDestination(href)}" is not a valid relative URL` };
  return { ok: true, url: base ? resolved.href : href, relative: true };
}

/** What a URL points to, by its file name: a nested llms.txt, an llms-full.txt, or a document. */
export function linkKind(url: string): LlmsTxtLinkKind {
  const path = parseUrl(url, PLACEHOLDER_BASE)?.pathname ?? url;
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  if (name === "llms.txt") return "llms-txt";
  if (name === "llms-full.txt") return "llms-full-txt";
  return "document";
}

/** The URL a link stands for: without its fragment, so `page#a` and `page#b` are one document. */
export function linkIdentity(url: string): string {
  const hash = url.indexOf("#");
  return hash < 0 ? url : url.slice(0, hash);
}

/** Parses a URL, undefined when it is not one. */
export function parseUrl(text: string, base?: string | URL): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}
