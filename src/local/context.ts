import type { LandingSection } from "../landing-page.ts";
import type { ContextInput, GlobalContext } from "../types.ts";
import { emphasisedTexts, stripInlineMarkdown } from "./inline-markdown.ts";
import { closeSentence, splitSentences } from "./sentences.ts";

// Words that name who a product is for; a sentence holding one is quoted as the audience.
const AUDIENCE = /\b(developers?|engineers?|teams?|operators?|administrators?|admins|businesses|companies|organi[sz]ations|startups|enterprises)\b/iu;

/**
 * The product context quoted from the llms.txt (title, summary, details) and the landing page as
 * readLandingPage reads it: the headline and its first sentence as the purpose, the main sections ranked by
 * what they say as features, terms the sources mark as code or bold as terminology. Nothing is written anew;
 * the confidence is computed from what was found and says the context is extractive.
 */
export function extractContext(input: ContextInput): GlobalContext {
  const { index } = input;
  const page = input.landingPage?.page;
  const pageUrl = input.landingPage?.url ?? index.source;
  const summary = stripInlineMarkdown(index.summary ?? "");
  const details = index.details ?? "";
  const name = index.title.trim() || (input.landingPage?.title ?? "").split(/\s+[-|–—:]\s+/u)[0]!.trim();
  const headline = page?.sections.find((section) => section.level === 1);
  const mainSections = (page?.sections ?? []).filter((section) => section.level === 2);
  const description = summary || page?.description || firstSentence(mainSections[0]?.text ?? "");
  const purpose = headline ? [headline.heading.toLowerCase() === name.toLowerCase() ? "" : closeSentence(`${headline.heading}.`), firstSentence(headline.text)].filter(Boolean).join(" ") : "";
  const audienceTexts = [page?.description ?? "", ...(page?.sections ?? []).map((section) => section.text), summary, stripInlineMarkdown(details)];
  const audience = audienceTexts.flatMap((text) => splitSentences(text)).find((sentence) => AUDIENCE.test(sentence)) ?? "";
  const features = rankFeatures(mainSections).map((feature) => ({ ...feature, source: pageUrl }));
  const terminology = markedTerms({ name, texts: [[index.summary ?? "", index.source], [details, index.source], [input.landingPage?.markdown ?? "", pageUrl]] });
  const found = { landingPage: page !== undefined, summary: summary !== "", description, purpose, audience, features: features.length, terms: terminology.length };
  return {
    version: 1,
    name,
    description,
    details,
    features,
    terminology,
    history: [{ version: 1, by: `discover (quoted from the llms.txt${page ? " and the landing page" : ""})`, added: [...features.map((feature) => feature.name), ...terminology.map((term) => term.term)] }],
    purpose,
    audience,
    confidence: { score: confidenceScore(found), reason: confidenceReason(found) },
  };
}

// Importance 1–10 relative to the section that says most about the product.
function rankFeatures(sections: LandingSection[]): Array<{ name: string; description: string; importance: number }> {
  const top = sections[0]?.score ?? 1;
  return sections.slice(0, 12).map((section) => ({
    name: section.heading,
    description: firstSentence(section.text),
    importance: Math.max(1, Math.min(10, Math.round((10 * section.score) / top))),
  }));
}

// Inline code and bold spans of the sources, each defined by the sentence it first appears in; URLs, paths and the product's own name are left out.
function markedTerms(options: { name: string; texts: Array<[string, string]> }): GlobalContext["terminology"] {
  const terms: GlobalContext["terminology"] = [];
  const seen = new Set([options.name.toLowerCase()]);
  for (const [text, source] of options.texts) {
    const prose = text.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gmu, "").replace(/^#+\s.*$/gmu, "");
    for (const sentence of splitSentences(prose)) {
      for (const term of emphasisedTexts(sentence)) {
        const key = term.toLowerCase();
        if (seen.has(key) || /:\/\/|^\/|\s.*\s.*\s.*\s/u.test(term) || terms.length >= 15) continue;
        seen.add(key);
        terms.push({ term, definition: closeSentence(stripInlineMarkdown(sentence)), source });
      }
    }
  }
  return terms;
}

interface Found {
  landingPage: boolean;
  summary: boolean;
  description: string;
  purpose: string;
  audience: string;
  features: number;
  terms: number;
}

// In hundredths, so the rounding is exact: each kind of fact found adds its share, features and terms in proportion up to 4 and 3.
function confidenceScore(found: Found): number {
  const parts = [
    found.landingPage ? 15 : 0,
    found.summary ? 10 : 0,
    found.description ? 15 : 0,
    found.purpose ? 15 : 0,
    found.audience ? 10 : 0,
    25 * Math.min(1, found.features / 4),
    10 * Math.min(1, found.terms / 3),
  ];
  return Math.round(parts.reduce((sum, part) => sum + part, 0)) / 100;
}

function confidenceReason(found: Found): string {
  const sources = found.landingPage ? "the llms.txt and the landing page" : "the llms.txt alone (no landing page was found)";
  const missing = [!found.summary && "llms.txt summary", !found.purpose && "purpose", !found.audience && "audience", found.features === 0 && "features"].filter(Boolean);
  const counts = `${found.features} feature${found.features === 1 ? "" : "s"} from page sections, ${found.terms} marked term${found.terms === 1 ? "" : "s"}`;
  return `Extractive, no model: quoted from ${sources}; ${counts}${missing.length > 0 ? `; not stated: ${missing.join(", ")}` : ""}.`;
}

function firstSentence(text: string): string {
  return closeSentence(splitSentences(text)[0] ?? "");
}
