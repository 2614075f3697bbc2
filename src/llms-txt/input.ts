/** What raw input is, decided before any markdown parsing. */
export type InputKind = "empty" | "binary" | "html" | "markdown";

/** Input ready for the markdown parser: BOM removed, and what kind of input it is. */
export interface PreparedInput {
  text: string;
  kind: InputKind;
}

const SAMPLE_LENGTH = 8192;
// Above this share of control or replacement characters, text decoded from bytes was not text.
const BINARY_SHARE = 0.1;
const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/** Removes a leading byte order mark and classifies the input; accepts anything a JavaScript caller may pass. */
export function prepareInput(input: unknown): PreparedInput {
  const raw = typeof input === "string" ? input : "";
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (!/\S/.test(text)) return { text, kind: "empty" };
  if (looksBinary(text)) return { text, kind: "binary" };
  if (HTML_START.test(text.slice(0, SAMPLE_LENGTH))) return { text, kind: "html" };
  return { text, kind: "markdown" };
}

function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const sample = text.slice(0, SAMPLE_LENGTH);
  let suspicious = 0;
  for (let index = 0; index < sample.length; index += 1) {
    const code = sample.charCodeAt(index);
    // Tab, line feed, vertical tab, form feed and carriage return are whitespace in text files.
    const control = (code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f;
    if (control || code === 0xfffd) suspicious += 1;
  }
  return suspicious / sample.length > BINARY_SHARE;
}
