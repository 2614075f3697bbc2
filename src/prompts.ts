/** Prompt templates: markdown files with a `version:` front matter and `{{slot}}` placeholders. */
import { readFileSync, readdirSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256 } from "./hash.ts";

/** Every prompt the LLM providers use; a file `<name>.md` holds each. */
export const PROMPT_NAMES = ["system", "batch", "summarize", "topic", "guideline", "synthesize", "context", "relate", "format", "repair"] as const;

/** Name of one prompt. */
export type PromptName = (typeof PROMPT_NAMES)[number];

/** One parsed prompt. */
export interface PromptTemplate {
  name: PromptName;
  /** The front matter's `version:`; enters cache keys. An override without front matter gets `override-<hash>`. */
  version: string;
  /** The template text after the front matter, without surrounding blank lines. */
  text: string;
  /** Where it came from: a file path, or "override". */
  origin: string;
}

/** The full set of prompts, one per name. */
export type PromptSet = Readonly<Record<PromptName, PromptTemplate>>;

/** Options of loadPrompts. */
export interface LoadPromptsOptions {
  /** A folder of `<name>.md` files that replace the built-in ones of the same name (`--prompts DIR`). */
  directory?: string;
  /** Name → template text (with or without front matter); replaces files, e.g. from the graph configuration. */
  overrides?: Partial<Record<string, string>>;
}

/** The built-in prompts folder, `prompts/` at the repository root. */
export const DEFAULT_PROMPTS_DIRECTORY = fileURLToPath(new URL("../prompts/", import.meta.url));

const SLOT = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** True when `name` is a known prompt name. */
export function isPromptName(name: string): name is PromptName {
  return (PROMPT_NAMES as readonly string[]).includes(name);
}

/**
 * Parses one prompt file. A file must start with a front matter holding `version:`; an override
 * (`requireVersion: false`) may omit it and is then versioned by the hash of its text.
 */
export function parsePrompt(options: { name: PromptName; source: string; origin: string; requireVersion?: boolean }): PromptTemplate {
  const match = FRONT_MATTER.exec(options.source);
  const fields = new Map<string, string>();
  for (const line of match?.[1]?.split(/\r?\n/) ?? []) {
    const field = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (field) fields.set(field[1]!, field[2]!.trim().replace(/^(["'])(.*)\1$/, "$2"));
  }
  const text = (match ? options.source.slice(match[0].length) : options.source).replace(/^\s*\n/, "").trimEnd();
  const version = fields.get("version");
  if (version === undefined || version === "") {
    if (options.requireVersion !== false) throw new Error(`prompt "${options.name}" (${options.origin}) must start with a front matter holding "version:"`);
    return { name: options.name, version: `override-${sha256(text).slice(0, 12)}`, text, origin: options.origin };
  }
  return { name: options.name, version, text, origin: options.origin };
}

/** Loads the built-in prompts, then a folder's files, then overrides; throws on an unknown name or a missing version. */
export function loadPrompts(options: LoadPromptsOptions = {}): PromptSet {
  const prompts = new Map<PromptName, PromptTemplate>();
  const readFolder = (directory: string, requireAll: boolean) => {
    const files = readdirSync(directory).filter((file) => extname(file) === ".md");
    for (const file of files) {
      const name = basename(file, ".md");
      if (!isPromptName(name)) throw new Error(`unknown prompt file ${join(directory, file)}; prompt names are ${PROMPT_NAMES.join(", ")}`);
      const path = join(directory, file);
      prompts.set(name, parsePrompt({ name, source: readFileSync(path, "utf8"), origin: path }));
    }
    const missing = PROMPT_NAMES.filter((name) => !prompts.has(name));
    if (requireAll && missing.length > 0) throw new Error(`prompt folder ${directory} lacks ${missing.map((name) => `${name}.md`).join(", ")}`);
  };
  readFolder(DEFAULT_PROMPTS_DIRECTORY, true);
  if (options.directory !== undefined) readFolder(options.directory, false);
  for (const [name, source] of Object.entries(options.overrides ?? {})) {
    if (source === undefined) continue;
    if (!isPromptName(name)) throw new Error(`unknown prompt override "${name}"; prompt names are ${PROMPT_NAMES.join(", ")}`);
    prompts.set(name, parsePrompt({ name, source, origin: "override", requireVersion: false }));
  }
  return Object.fromEntries(prompts) as Record<PromptName, PromptTemplate>;
}

/** The slot names a template uses, in order of first use. */
export function promptSlots(template: string | PromptTemplate): string[] {
  const text = typeof template === "string" ? template : template.text;
  return [...new Set([...text.matchAll(SLOT)].map((match) => match[1]!))];
}

/**
 * Fills `{{slot}}` placeholders in one pass, so a value that itself contains `{{…}}` (a document, say) is
 * never expanded. Throws an error naming every slot the template uses but `slots` lacks; extra slots are ignored.
 */
export function renderPrompt(template: string | PromptTemplate, slots: Readonly<Record<string, string | number>>): string {
  const text = typeof template === "string" ? template : template.text;
  const missing = promptSlots(text).filter((slot) => !Object.hasOwn(slots, slot));
  if (missing.length > 0) {
    const name = typeof template === "string" ? "template" : `prompt "${template.name}"`;
    throw new Error(`${name} needs slot${missing.length > 1 ? "s" : ""} ${missing.map((slot) => `"${slot}"`).join(", ")}, which ${missing.length > 1 ? "were" : "was"} not given`);
  }
  return text.replace(SLOT, (_match, slot: string) => String(slots[slot]));
}

/** A fingerprint of the given prompts for cache keys: their versions and the hash of their texts. */
export function promptFingerprint(prompts: readonly PromptTemplate[]): string {
  const versions = prompts.map((prompt) => `${prompt.name}@${prompt.version}`).join(",");
  return `${versions}#${sha256(prompts.map((prompt) => prompt.text).join("\u0000")).slice(0, 12)}`;
}
