/** The YAML front matter every markdown page of a report starts with: where the page came from and what made it. */
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type { ReportLookups } from "./report-lookups.ts";

/** A source a page derives from: its URL and, when it was extracted, the sha256 of its stored content. */
export interface PageSource {
  url: string;
  contentSha256?: string;
}

type YamlValue = string | number | YamlValue[] | { [key: string]: YamlValue };

// JSON strings are YAML double-quoted scalars, once the two characters YAML 1.1 reads as line breaks are escaped.
function scalar(value: string | number): string {
  return typeof value === "number" ? String(value) : JSON.stringify(value).replace(/[\u2028\u2029\u0085]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function yamlLines(value: YamlValue, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return ["[]"];
    return value.flatMap((item) => {
      const [first, ...rest] = typeof item === "object" ? yamlLines(item, `${indent}  `) : [scalar(item)];
      return [`${indent}- ${first!.trimStart()}`, ...rest];
    });
  }
  if (typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return ["{}"];
    return entries.flatMap(([key, item]) => {
      if (typeof item !== "object") return [`${indent}${key}: ${scalar(item)}`];
      const nested = yamlLines(item, `${indent}  `);
      return nested[0] === "[]" || nested[0] === "{}" ? [`${indent}${key}: ${nested[0]}`] : [`${indent}${key}:`, ...nested];
    });
  }
  return [scalar(value)];
}

/** The index's source as a URL: kept when it has a scheme, a file: URL for an absolute path, else undefined. */
export function indexSourceUrl(source: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]+:/i.test(source)) return source;
  return isAbsolute(source) ? pathToFileURL(source).href : undefined;
}

/** The sources of a page: the given documents (in order, once each) with their content hashes, then `extra`. */
export function pageSources(options: { lookups: ReportLookups; documentIds: string[]; extra?: PageSource[] }): PageSource[] {
  const sources: PageSource[] = [];
  const seen = new Set<string>();
  const add = (source: PageSource) => {
    if (seen.has(source.url)) return;
    seen.add(source.url);
    sources.push(source);
  };
  for (const source of options.extra ?? []) add(source);
  for (const documentId of options.documentIds) {
    const record = options.lookups.recordsById.get(documentId);
    if (record !== undefined) add({ url: record.url, ...(record.contentHash ? { contentSha256: record.contentHash } : {}) });
  }
  return sources;
}

/**
 * The front matter of a page: title, document-it version, run id, generated date (the run's finish), provider,
 * model, prompt versions per question, and the sources the page derives from. Deterministic for one run.
 */
export function renderFrontMatter(options: { lookups: ReportLookups; title: string; sources: PageSource[] }): string {
  const { manifest } = options.lookups.input;
  const fields: Record<string, YamlValue> = {
    title: options.title,
    generator: "document-it",
    document_it_version: manifest.version,
    run_id: manifest.runId,
    generated: manifest.finishedAt,
    provider: manifest.provider,
    model: manifest.model,
    ...(typeof manifest.config["synthesisModel"] === "string" ? { synthesis_model: manifest.config["synthesisModel"] } : {}),
    // The local analyser asks no prompts; its model name says which extractive rules made the text.
    prompt_versions: { ...manifest.promptVersions },
    sources: options.sources.map((source) => ({ url: source.url, ...(source.contentSha256 ? { content_sha256: source.contentSha256 } : {}) })),
  };
  return ["---", ...yamlLines(fields, ""), "---"].join("\n");
}
