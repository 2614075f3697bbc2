import { readFileSync } from "node:fs";
import { type LlmsTxt, type LlmsTxtDiagnostic, type LlmsTxtSection, type ParseLlmsTxtOptions, parseLlmsTxt } from "../../src/llms-txt/index.ts";

/** The URL the fixtures are parsed as coming from: a subpath, so relative resolution is visible. */
export const FIXTURE_BASE_URL = "https://x.dev/a/llms.txt";

/** Path of a fixture of test/fixtures/llms-txt. */
export function fixturePath(name: string): string {
  return new URL(`../fixtures/llms-txt/${name}`, import.meta.url).pathname;
}

/** Text of a fixture, decoded as UTF-8 like a file read by document-it. */
export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), "utf8");
}

/** Parses a fixture as if served at FIXTURE_BASE_URL. */
export function parseFixture(name: string, options: ParseLlmsTxtOptions = { baseUrl: FIXTURE_BASE_URL }): LlmsTxt {
  return parseLlmsTxt(readFixture(name), options);
}

/** The full parse result a test expects, written once: `sections` is derived from the ordered sections it states. */
export function expectedParse(expected: {
  title?: string;
  summary?: string;
  info?: string;
  titleLine?: number;
  summaryLine?: number;
  orderedSections?: LlmsTxtSection[];
  diagnostics: LlmsTxtDiagnostic[];
  conformance: LlmsTxt["conformance"];
}): LlmsTxt {
  const orderedSections = expected.orderedSections ?? [];
  return {
    title: expected.title,
    summary: expected.summary,
    info: expected.info,
    sections: Object.fromEntries(orderedSections.map((section) => [section.name, section.links])),
    ...(expected.titleLine === undefined ? {} : { titleLine: expected.titleLine }),
    ...(expected.summaryLine === undefined ? {} : { summaryLine: expected.summaryLine }),
    orderedSections,
    diagnostics: expected.diagnostics,
    conformance: expected.conformance,
  };
}

/** The info diagnostic of a file whose H1 is not followed by a summary. */
export const MISSING_SUMMARY: LlmsTxtDiagnostic = { code: "missing-summary", severity: "info", line: 1, message: "no > blockquote summary follows the H1" };
