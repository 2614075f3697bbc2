/** Reads a model's answer from the AI message or the raw HTTP body, and checks it against its schema. */
import type { BaseMessage } from "@langchain/core/messages";
import type { z } from "zod";

/** Token counts of one response. */
export interface ResponseUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
}

/** An answer as it came back: a parsed value (tool call arguments) or text, and what the response said of itself. */
export interface RawAnswer {
  value?: unknown;
  text?: string;
  finishReason?: string;
  usage?: ResponseUsage;
}

/** The outcome of checking an answer. */
export type CheckedAnswer<T> = { ok: true; value: T } | { ok: false; problem: string; shown: string };

/** The answer in an AI message: its first tool call, an unparsable tool call's arguments, else its text. */
export function answerFromMessage(message: BaseMessage): RawAnswer {
  const ai = message as BaseMessage & {
    tool_calls?: Array<{ args: unknown }>;
    invalid_tool_calls?: Array<{ args?: string }>;
    usage_metadata?: { input_tokens: number; output_tokens: number; input_token_details?: { cache_read?: number } };
  };
  const finishReason = (message.response_metadata as { finish_reason?: string } | undefined)?.finish_reason;
  // LangChain fills zeros when the endpoint reported nothing; a real prompt is never zero tokens.
  const usage = ai.usage_metadata && ai.usage_metadata.input_tokens > 0
    ? { inputTokens: ai.usage_metadata.input_tokens, outputTokens: ai.usage_metadata.output_tokens, cachedInputTokens: ai.usage_metadata.input_token_details?.cache_read ?? 0 }
    : undefined;
  const base = { ...(finishReason === undefined ? {} : { finishReason }), ...(usage === undefined ? {} : { usage }) };
  if (ai.tool_calls && ai.tool_calls.length > 0) return { ...base, value: ai.tool_calls[0]!.args };
  const invalid = ai.invalid_tool_calls?.[0]?.args;
  if (invalid !== undefined) return { ...base, text: invalid };
  return { ...base, text: messageText(message.content) };
}

/** The answer in a successful chat completion body (used when the client threw while parsing it). */
export function answerFromBody(body: string | undefined): RawAnswer | undefined {
  if (body === undefined) return undefined;
  let parsed: any;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const choice = parsed?.choices?.[0];
  if (!choice?.message) return undefined;
  const usage = parsed.usage?.prompt_tokens > 0
    ? { inputTokens: parsed.usage.prompt_tokens ?? 0, outputTokens: parsed.usage.completion_tokens ?? 0, cachedInputTokens: parsed.usage.prompt_tokens_details?.cached_tokens ?? 0 }
    : undefined;
  const text = choice.message.tool_calls?.[0]?.function?.arguments ?? messageText(choice.message.content);
  return { text: String(text), ...(choice.finish_reason ? { finishReason: choice.finish_reason } : {}), ...(usage ? { usage } : {}) };
}

/**
 * Parses and validates an answer. Text may hold its JSON inside a code fence or among prose; a value wrapped
 * as `{ "answer": … }` (the shared batch schema) is unwrapped first.
 */
export function checkAnswer<T>(answer: RawAnswer, schema: z.ZodType<T>): CheckedAnswer<T> {
  const shown = (answer.text ?? JSON.stringify(answer.value) ?? "").slice(0, 40_000);
  let value = answer.value;
  if (value === undefined) {
    const parsed = parseJsonText(answer.text ?? "");
    if (!parsed.ok) {
      const cutOff = answer.finishReason === "length" ? "; it was cut off at the output token limit" : "";
      return { ok: false, problem: `the answer is not valid JSON${cutOff}`, shown };
    }
    value = parsed.value;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "answer" in value) {
    value = (value as { answer: unknown }).answer;
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`);
  const listed = issues.slice(0, 8).join("; ") + (issues.length > 8 ? `; and ${issues.length - 8} more` : "");
  return { ok: false, problem: `the answer does not match the schema: ${listed}`, shown };
}

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)\n?```/.exec(text)?.[1];
  const candidates = [text.trim(), fenced?.trim(), text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch {
      // Try the next reading.
    }
  }
  return { ok: false };
}

function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === "string" ? part : typeof part?.text === "string" ? part.text : "")).join("");
  return "";
}
