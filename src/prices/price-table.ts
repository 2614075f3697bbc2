/** Prices of LLM models per 1M tokens: the table shipped in models.json, overridable per model with a user's file. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DocumentItError } from "../errors.ts";

/** USD per 1M tokens of one model; `cachedInput` defaults to `input` (no prompt-caching discount). */
export const ModelPriceSchema = z.strictObject({
  input: z.number().nonnegative(),
  cachedInput: z.number().nonnegative().optional(),
  output: z.number().nonnegative(),
});

/** A prices file: USD per 1M tokens by model name, with where and when the figures were read. */
export const PriceFileSchema = z.strictObject({
  currency: z.literal("USD").optional(),
  unit: z.literal("per 1M tokens").optional(),
  date: z.string().optional(),
  source: z.string().optional(),
  models: z.record(z.string().min(1), ModelPriceSchema),
});

/** One model's prices. */
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

/** The prices in force for a run: shipped ones, then each override file's, model by model. */
export interface PriceTable {
  models: Record<string, ModelPrice>;
  /** Date and source of the shipped table, and the override file when one is given. */
  date?: string;
  source?: string;
  overrideFile?: string;
}

/** Token counts a cost is computed from. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
}

const SHIPPED = fileURLToPath(new URL("./models.json", import.meta.url));

/** The shipped price table, with `file`'s models added or replacing shipped ones; errors name the file and the field. */
export function loadPriceTable(options: { file?: string } = {}): PriceTable {
  const shipped = readPriceFile(SHIPPED);
  const table: PriceTable = { models: { ...shipped.models }, ...(shipped.date ? { date: shipped.date } : {}), ...(shipped.source ? { source: shipped.source } : {}) };
  if (options.file === undefined) return table;
  const file = resolve(options.file);
  return { ...table, models: { ...table.models, ...readPriceFile(file).models }, overrideFile: file };
}

/** A model's price: its own name, else the name without a date suffix (`gpt-4.1-mini-2025-04-14`); undefined when unknown. */
export function priceOf(table: PriceTable, model: string): ModelPrice | undefined {
  return table.models[model] ?? table.models[model.replace(/-\d{4}-\d{2}-\d{2}$/, "")];
}

/** USD of one usage at a price; cached input tokens are part of the input tokens, billed at the cached rate. */
export function costOf(usage: TokenUsage, price: ModelPrice): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  return ((usage.inputTokens - cached) * price.input + cached * (price.cachedInput ?? price.input) + usage.outputTokens * price.output) / 1_000_000;
}

function readPriceFile(file: string): z.infer<typeof PriceFileSchema> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new DocumentItError("USAGE", `prices file ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DocumentItError("USAGE", `prices file ${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = PriceFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "(top level)";
  throw new DocumentItError("USAGE", `prices file ${file}: ${field}: ${issue.message} (expected { "models": { "<model>": { "input": USD, "cachedInput": USD, "output": USD } } }, USD per 1M tokens)`);
}
