/** How an answer's structure is asked for, most to least reliable. */
export type StructuredOutputMethod = "jsonSchema" | "functionCalling" | "jsonMode" | "text";

/**
 * The fallback ladder: `response_format: json_schema`, then a forced tool call, then `json_object` with the
 * schema in the prompt, then plain text with the schema in the prompt.
 */
export const STRUCTURED_OUTPUT_LADDER: readonly StructuredOutputMethod[] = ["jsonSchema", "functionCalling", "jsonMode", "text"];

/** True for the methods that send no schema parameter, so the prompt must describe the schema. */
export function describesSchemaInPrompt(method: StructuredOutputMethod): boolean {
  return method === "jsonMode" || method === "text";
}
