import { TextDecoder } from "node:util";
import { looksLikeHtml } from "../html.ts";

// WHATWG prescan looks at the first 1024 bytes; pages in the wild put <meta charset> a little later, so look a little further.
const PRESCAN_BYTES = 4096;
const META_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;

/** Options of decodeBody. */
export interface DecodeBodyOptions {
  bytes: Uint8Array;
  contentType: string;
}

/** Decodes a body: a byte order mark first, then the Content-Type charset, then an HTML `<meta>` declaration, else UTF-8. */
export function decodeBody(options: DecodeBodyOptions): string {
  const { bytes } = options;
  const label = byteOrderMark(bytes) ?? headerCharset(options.contentType) ?? metaCharset(options);
  return decoderFor(label).decode(bytes);
}

/** The charset parameter of a Content-Type header, if any. */
export function headerCharset(contentType: string): string | undefined {
  return /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType)?.[1];
}

function byteOrderMark(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return undefined;
}

function metaCharset(options: DecodeBodyOptions): string | undefined {
  const head = Buffer.from(options.bytes.subarray(0, PRESCAN_BYTES)).toString("latin1");
  const declaredHtml = /html/i.test(options.contentType);
  // A markdown page may quote HTML with a <meta charset> in a code sample: only an HTML page declares its own.
  if (!declaredHtml && (options.contentType || !looksLikeHtml(head))) return undefined;
  const label = META_CHARSET.exec(head)?.[1];
  // A page that says UTF-16 in ASCII-compatible bytes is not UTF-16 (WHATWG).
  return label && /^utf-?16/i.test(label) ? "utf-8" : label;
}

// Node 20's TextDecoder decodes windows-1252 as ISO-8859-1, turning curly quotes, dashes and € in 0x80–0x9F into control characters.
const WINDOWS_1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

function decoderFor(label: string | undefined): { decode(bytes: Uint8Array): string } {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label ?? "utf-8");
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  if (decoder.encoding !== "windows-1252") return decoder;
  return { decode: (bytes) => Array.from(bytes, (byte) => (byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80]! : String.fromCharCode(byte))).join("") };
}
