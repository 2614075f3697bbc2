/** Schema-driven answers for the mock OpenAI-compatible server: plausible, schema-valid, built from the prompt. */

type JsonSchema = Record<string, unknown>;

/** What the mock reads from a request's messages. */
export interface PromptFacts {
  /** Fenced documents in prompt order: id, `number` attribute (synthesis sources), headings found inside. */
  documents: Array<{ id: string; number?: number; headings: string[] }>;
  /** Message texts, last first, for choosing `anyOf` branches the final instruction names. */
  textsLastFirst: string[];
}

/** Reads the fenced documents (`<document id="…" …>…</document>`) and texts of OpenAI-format messages. */
export function readPromptFacts(messages: ReadonlyArray<{ content?: unknown }>): PromptFacts {
  const texts = messages.map((message) => contentText(message.content));
  const documents: PromptFacts["documents"] = [];
  for (const text of texts) {
    for (const match of text.matchAll(/<document\s([^>]*)>([\s\S]*?)<\/document>/g)) {
      const attributes = Object.fromEntries([...match[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((pair) => [pair[1]!, pair[2]!]));
      if (attributes.id === undefined || documents.some((document) => document.id === attributes.id)) continue;
      const headings = [...match[2]!.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)].map((heading) => heading[1]!);
      documents.push({ id: attributes.id, ...(attributes.number ? { number: Number(attributes.number) } : {}), headings });
    }
  }
  return { documents, textsLastFirst: [...texts].reverse() };
}

/** The text of a message's content (a string, or parts with `text`). */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part?.text === "string" ? part.text : "")).join("");
  return "";
}

/** The JSON Schema a prompt describes in a ```json block (JSON mode and plain text get the schema that way). */
export function schemaInPrompt(facts: PromptFacts): JsonSchema | undefined {
  for (const text of facts.textsLastFirst) {
    for (const match of [...text.matchAll(/```json\s*\n([\s\S]*?)\n```/g)].reverse()) {
      try {
        const parsed = JSON.parse(match[1]!) as JsonSchema;
        if (parsed.type === "object" && typeof parsed.properties === "object") return parsed;
      } catch {
        // Not a schema; keep looking.
      }
    }
  }
  return undefined;
}

interface Scope {
  key: string;
  index: number;
  document?: PromptFacts["documents"][number];
}

/**
 * A value valid against `schema`: every property filled, arrays of one or two items (one per prompt document
 * for arrays of objects with a `documentId`), enums and bounds respected, `anyOf` branch picked by the
 * instruction (the branch whose single-valued enum the last messages quote), `$ref`s into `$defs` followed.
 * With `documentNames`, each `name` in a document's answer (its topics, concepts…) is one of the document's headings,
 * so topics differ between documents instead of being the same few for all.
 */
export function generateFromSchema(schema: JsonSchema, facts: PromptFacts, options: { documentNames?: boolean } = {}): unknown {
  const resolve = (node: JsonSchema): JsonSchema => {
    const reference = node.$ref;
    if (typeof reference !== "string") return node;
    const path = reference.replace(/^#\//, "").split("/");
    let target: unknown = schema;
    for (const part of path) target = (target as Record<string, unknown> | undefined)?.[part];
    if (target === undefined) throw new Error(`mock: cannot resolve ${reference}`);
    return resolve(target as JsonSchema);
  };
  const generate = (raw: JsonSchema, scope: Scope): unknown => {
    const node = resolve(raw);
    const branches = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
    if (branches) return generate(pickBranch(branches.map(resolve), facts), scope);
    if (Array.isArray(node.enum)) return node.enum[0];
    if ("const" in node) return node.const;
    const type = Array.isArray(node.type) ? node.type.find((item) => item !== "null") : node.type;
    switch (type) {
      case "object": {
        const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
        return Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, generate(property, { ...scope, key })]));
      }
      case "array":
        return generateArray(node, scope);
      case "string":
        return generateString(scope);
      case "integer":
      case "number":
        return generateNumber(node, type === "integer", scope);
      case "boolean":
        return true;
      case "null":
        return null;
      default:
        return generateString(scope);
    }
  };
  const generateArray = (node: JsonSchema, scope: Scope): unknown[] => {
    const items = resolve((node.items ?? {}) as JsonSchema);
    const minimum = typeof node.minItems === "number" ? node.minItems : 0;
    const maximum = typeof node.maxItems === "number" ? node.maxItems : Number.POSITIVE_INFINITY;
    const clamp = (count: number) => Math.min(maximum, Math.max(minimum, count));
    const properties = (items.properties ?? {}) as Record<string, unknown>;
    if ("documentId" in properties) {
      return facts.documents.slice(0, clamp(facts.documents.length)).map((document, index) => generate(items, { key: scope.key, index, document }));
    }
    if (scope.key === "citations") {
      const numbers = facts.documents.flatMap((document) => (document.number === undefined ? [] : [document.number]));
      return (numbers.length > 0 ? numbers : [1]).slice(0, clamp(2));
    }
    return Array.from({ length: clamp(2) }, (_item, index) => generate(items, { ...scope, index }));
  };
  const generateString = (scope: Scope): string => {
    const document = scope.document ?? facts.documents[0];
    const headings = scope.document?.headings ?? [];
    if (options.documentNames && scope.key === "name" && headings.length > 0) return headings[scope.index % headings.length]!;
    switch (scope.key) {
      case "documentId":
      case "source":
        return document?.id ?? "document";
      case "heading": {
        const headings = document?.headings ?? [];
        return headings.length === 0 ? "" : headings[scope.index % headings.length]!;
      }
      case "language":
        return "ts";
      case "code":
        return 'console.log("example");';
      default:
        return `${scope.key.charAt(0).toUpperCase()}${scope.key.slice(1)} ${scope.index + 1}`;
    }
  };
  return generate(schema, { key: "answer", index: 0 });
}

function generateNumber(node: JsonSchema, integer: boolean, _scope: Scope): number {
  const low = typeof node.minimum === "number" ? node.minimum : undefined;
  const high = typeof node.maximum === "number" && node.maximum < 1e12 ? node.maximum : undefined;
  const value = low !== undefined && high !== undefined ? (low + high) / 2 : (low ?? (high !== undefined ? Math.min(high, 1) : 1));
  return integer ? Math.ceil(value) : value;
}

function pickBranch(branches: JsonSchema[], facts: PromptFacts): JsonSchema {
  const markers = branches.map((branch) =>
    Object.values((branch.properties ?? {}) as Record<string, JsonSchema>)
      .flatMap((property) => (Array.isArray(property.enum) && property.enum.length === 1 ? [JSON.stringify(property.enum[0])] : [])),
  );
  for (const text of facts.textsLastFirst) {
    const index = markers.findIndex((values) => values.some((value) => text.includes(value)));
    if (index >= 0) return branches[index]!;
  }
  return branches[0]!;
}
