import * as cheerio from "cheerio";
import TurndownService from "turndown";
import { gfm } from "turndown-plugin-gfm";

// Page chrome that says nothing about the product's documentation.
const NOISE = "script, style, noscript, template, iframe, svg, nav, footer, header, aside, form, button, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]";
const MAIN_CANDIDATES = ["main", "article", "[role=main]", "#content", ".content", ".markdown-body", "body"];

/** A page converted to markdown. */
export interface ConvertedPage {
  /** The page's <title> or first <h1>. */
  title: string | undefined;
  markdown: string;
}

function createTurndown(): TurndownService {
  const service = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-", emDelimiter: "*" });
  service.use(gfm);
  // Keep the language of highlighted code (class="language-ts", "lang-ts" or a data attribute).
  service.addRule("fencedCodeWithLanguage", {
    filter: (node) => node.nodeName === "PRE",
    replacement: (_content, node) => {
      const element = node as unknown as { querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null; getAttribute(name: string): string | null; textContent: string | null };
      const code = element.querySelector("code") ?? element;
      const classes = `${code.getAttribute("class") ?? ""} ${element.getAttribute("class") ?? ""}`;
      const language = /(?:^|\s)(?:language|lang)-([\w+#-]+)/.exec(classes)?.[1] ?? element.getAttribute("data-language") ?? "";
      const text = (code.textContent ?? "").replace(/\n$/, "");
      const longestRun = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
      const fence = "`".repeat(longestRun + 1);
      return `\n\n${fence}${language}\n${text}\n${fence}\n\n`;
    },
  });
  return service;
}

let turndown: TurndownService | undefined;

/** Turns an HTML page into markdown from its main content; navigation, footers, scripts and styles are dropped. */
export function htmlToMarkdown(html: string): ConvertedPage {
  const $ = cheerio.load(html);
  const title = ($("title").first().text() || $("h1").first().text()).trim() || undefined;
  $(NOISE).remove();
  const main = MAIN_CANDIDATES.map((selector) => $(selector).first()).find((element) => element.length > 0 && element.text().trim().length > 0);
  const content = main ? ($.html(main) ?? "") : "";
  turndown ??= createTurndown();
  const markdown = turndown.turndown(content).replace(/\n{3,}/g, "\n\n").trim();
  return { title, markdown };
}

/** True when a body looks like HTML rather than markdown or plain text. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
}
