import type { Statement } from "../types.ts";
import { closeSentence } from "./sentences.ts";

/** Hands out statements and refuses any text already used in the same guideline. */
export interface StatementBook {
  /** A statement citing `number`, or undefined when the text is empty or already used. */
  take(text: string, number: number): Statement | undefined;
  /** True when the text was already used. */
  has(text: string): boolean;
}

/** A fresh book for one guideline. */
export function createStatementBook(): StatementBook {
  const used = new Set<string>();
  const keyOf = (text: string): string => text.toLowerCase().replace(/\s+/gu, " ").replace(/[.:;!?\s]+$/u, "").trim();
  return {
    take(text, number) {
      const statement = closeSentence(text);
      const key = keyOf(statement);
      if (key === "" || used.has(key)) return undefined;
      used.add(key);
      return { text: statement, citations: [number] };
    },
    has: (text) => used.has(keyOf(text)),
  };
}
