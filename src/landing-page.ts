import * as cheerio from "cheerio";

/** A section of the landing page and how much it says about the product. */
export interface LandingSection {
  heading: string;
  /** 1 for the page's headline (h1), 2 for a main section (h2). */
  level: 1 | 2;
  text: string;
  /** Higher is more about the product: length of prose, mentions of the product name, position. */
  score: number;
}

/** What the landing page says about the product. */
export interface LandingPage {
  url: string;
  title: string;
  description: string;
  /** Headings in page order (h1–h3). */
  headings: string[];
  /** Main sections, most informative first. */
  sections: LandingSection[];
}

// Sections that are page furniture, not product facts.
const FURNITURE = /^(pricing|contact|footer|newsletter|subscribe|sign up|log ?in|cookies?|legal|privacy|terms|careers|blog)\b/i;

/** Reads a landing page with cheerio: title, meta description, headings and main sections ranked by what they say about the product. */
export function readLandingPage(options: { html: string; url: string; productName?: string }): LandingPage {
  const $ = cheerio.load(options.html);
  $("script, style, noscript, template, svg, nav, footer, form, [aria-hidden=true]").remove();
  const title = $("title").first().text().trim() || $("h1").first().text().trim();
  const description = ($('meta[name="description"]').attr("content") ?? $('meta[property="og:description"]').attr("content") ?? "").trim();
  const headings = $("h1, h2, h3").map((_index, element) => $(element).text().replace(/\s+/g, " ").trim()).get().filter(Boolean);
  const name = (options.productName ?? "").toLowerCase();
  const sections: LandingSection[] = [];
  $("h1, h2").each((position, element) => {
    const heading = $(element).text().replace(/\s+/g, " ").trim();
    if (!heading || FURNITURE.test(heading)) return;
    // The section's text: following siblings up to the next heading of any main level, else its container's paragraphs.
    const parts: string[] = [];
    for (let next = $(element).next(); next.length > 0 && !next.is("h1, h2"); next = next.next()) {
      if (!next.is("pre")) parts.push(next.text());
    }
    const text = parts.join(" ").replace(/\s+/g, " ").trim();
    if (!text) return;
    const mentions = name ? text.toLowerCase().split(name).length - 1 : 0;
    const score = Math.round((Math.min(text.length, 600) / 60 + mentions * 2 + Math.max(0, 5 - position)) * 100) / 100;
    sections.push({ heading, level: element.tagName.toLowerCase() === "h1" ? 1 : 2, text, score });
  });
  sections.sort((a, b) => b.score - a.score);
  return { url: options.url, title, description, headings, sections };
}
