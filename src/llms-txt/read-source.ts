import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DocumentItError, describeError } from "../errors.ts";
import { type FetchFunction, fetchText } from "../fetch/index.ts";

/** Options of readLlmsTxtSource. */
export interface ReadLlmsTxtSourceOptions {
  /** A local path, or an http(s) or file: URL. */
  source: string;
  /** Folder a relative path is resolved against (default: the working directory). */
  cwd?: string;
  fetch?: FetchFunction;
}

/** An llms.txt's text and the URL its relative links resolve against. */
export interface LlmsTxtSource {
  url: string;
  text: string;
}

/** Reads an llms.txt from a file or URL as it is, so the parser can judge it; throws a DocumentItError when it cannot be read. */
export async function readLlmsTxtSource(options: ReadLlmsTxtSourceOptions): Promise<LlmsTxtSource> {
  if (/^(?:https?|file):/i.test(options.source)) {
    try {
      const fetched = await fetchText({ url: options.source, fetch: options.fetch, accept: "text/markdown, text/plain;q=0.9, */*;q=0.5" });
      return { url: fetched.url, text: fetched.text };
    } catch (error) {
      throw new DocumentItError("SOURCE_UNREACHABLE", `cannot read ${options.source}: ${describeError(error)}`, { cause: error });
    }
  }
  const path = resolve(options.cwd ?? process.cwd(), options.source);
  try {
    // Decoded leniently: bytes that are not UTF-8 become U+FFFD, which the parser counts when it decides the input is binary.
    return { url: pathToFileURL(path).href, text: (await readFile(path)).toString("utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new DocumentItError("SOURCE_NOT_FOUND", `file not found: ${path}`, { cause: error });
    if (code === "EISDIR") throw new DocumentItError("SOURCE_INVALID", `${path} is a folder; parse reads one llms.txt file`, { cause: error });
    throw new DocumentItError("SOURCE_INVALID", `cannot read ${path}: ${describeError(error)}`, { cause: error });
  }
}
