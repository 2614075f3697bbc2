import type { Token } from "markdown-it";
import type { TopLevelBlock } from "./blocks.ts";
import type { DiagnosticCollector } from "./diagnostics.ts";
import { splitInlineLines } from "./inline.ts";
import { type LinkItem, readLinkItem } from "./link-item.ts";
import { writtenDestination } from "./markdown.ts";
import type { LlmsTxtLink, LlmsTxtSection } from "./types.ts";
import { linkIdentity, linkKind, resolveLink } from "./urls.ts";

/** Options of SectionCollector. */
export interface SectionCollectorOptions {
  /** URL of the llms.txt, when known and valid. */
  base: URL | undefined;
  diagnostics: DiagnosticCollector;
}

const PROSE_NAMES: Record<string, string> = {
  fence: "a code block",
  code_block: "a code block",
  html_block: "HTML",
  blockquote_open: "a blockquote",
};

/** Reads the H2 sections of a file: their file lists, merged by name, with what is wrong in them. */
export class SectionCollector {
  readonly #options: SectionCollectorOptions;
  readonly #sections = new Map<string, LlmsTxtSection>();
  readonly #linesByIdentity = new Map<string, number[]>();
  #current: LlmsTxtSection | undefined;

  constructor(options: SectionCollectorOptions) {
    this.#options = options;
  }

  /** Starts a section, or continues the earlier one of the same name. */
  startSection(name: string, line: number): void {
    const existing = this.#sections.get(name);
    if (existing) {
      this.#options.diagnostics.add("duplicate-section", line, `section "${name}" appeared before (line ${existing.line}); its links are merged into it`);
      this.#current = existing;
      return;
    }
    this.#current = { name, line, optional: name.trim().toLowerCase() === "optional", links: [] };
    this.#sections.set(name, this.#current);
  }

  /** Name of the section being read. */
  get currentName(): string {
    return this.#current?.name ?? "";
  }

  /** Reads one top-level block of the current section. */
  readBlock(tokens: readonly Token[], block: TopLevelBlock): void {
    const type = block.first.type;
    if (type === "bullet_list_open" || type === "ordered_list_open") this.#readList(tokens, block);
    else if (type === "paragraph_open") this.#readParagraph(tokens[block.start + 1]?.children ?? [], block.firstLine);
    else if (type !== "hr") this.#prose(PROSE_NAMES[type] ?? "content", block.firstLine + 1);
  }

  /** The sections in file order, after reporting empty sections and duplicate links. */
  finish(): LlmsTxtSection[] {
    const sections = [...this.#sections.values()];
    for (const section of sections) if (section.links.length === 0) this.#options.diagnostics.add("empty-section", section.line, `section "${section.name}" lists no links`);
    for (const [identity, lines] of this.#linesByIdentity) {
      if (lines.length > 1) this.#options.diagnostics.add("duplicate-link", lines[1]!, `${identity} is listed ${lines.length} times (lines ${lines.join(", ")})`);
    }
    return sections;
  }

  #readList(tokens: readonly Token[], block: TopLevelBlock): void {
    for (let index = block.start; index < block.end; index += 1) {
      const token = tokens[index]!;
      if (token.type !== "list_item_open") continue;
      const line = (token.map?.[0] ?? block.firstLine) + 1;
      const next = tokens[index + 1];
      // An item holding only a nested list is a group heading; its nested items are read in turn.
      if (next?.type === "bullet_list_open" || next?.type === "ordered_list_open") continue;
      const inline = next?.type === "paragraph_open" ? tokens[index + 2]?.children : undefined;
      const item = inline ? readLinkItem({ tokens: inline, leadingOnly: false }) : undefined;
      if (item) this.#addLink(item, line);
      else this.#options.diagnostics.add("item-without-link", line, `a list item of section "${this.#current!.name}" has no [name](url) link`);
    }
  }

  #readParagraph(children: readonly Token[], firstLine: number): void {
    let proseLine: number | undefined;
    splitInlineLines(children).forEach((lineTokens, offset) => {
      const item = readLinkItem({ tokens: lineTokens, leadingOnly: true });
      if (!item) {
        proseLine ??= firstLine + offset + 1;
        return;
      }
      this.#options.diagnostics.add("link-outside-list", firstLine + offset + 1, `the link "${item.title}" is not a list item; write it as "- [name](url)"`);
      this.#addLink(item, firstLine + offset + 1);
    });
    if (proseLine !== undefined) this.#prose("text", proseLine);
  }

  #prose(what: string, line: number): void {
    this.#options.diagnostics.add("prose-in-section", line, `${what} in section "${this.#current!.name}" is not part of its file list`);
  }

  #addLink(item: LinkItem, line: number): void {
    const resolved = resolveLink({ href: item.href, base: this.#options.base });
    if (!resolved.ok) {
      this.#options.diagnostics.add(resolved.code, line, `${resolved.message}; the link "${item.title}" is skipped`);
      return;
    }
    if (resolved.relative) {
      const written = writtenDestination(item.href);
      const message = this.#options.base ? `"${written}" resolved to ${resolved.url}` : `"${written}" is relative and there is no base URL; kept as written`;
      this.#options.diagnostics.add("relative-link", line, message);
    }
    const link: LlmsTxtLink = { title: item.title, url: resolved.url, ...(item.desc ? { desc: item.desc } : {}), kind: linkKind(resolved.url), line };
    this.#current!.links.push(link);
    const identity = linkIdentity(resolved.url);
    const lines = this.#linesByIdentity.get(identity);
    if (lines) lines.push(line);
    else this.#linesByIdentity.set(identity, [line]);
  }
}
