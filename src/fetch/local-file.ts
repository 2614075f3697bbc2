import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { FetchError, describeError } from "../errors.ts";
import { decodeBody } from "./charset.ts";
import type { FetchedResource } from "./types.ts";

/** Reads a file: URL as a fetched resource (HTML by its extension, markdown otherwise), within the size cap. */
export async function readLocalFile(url: URL, maxBytes: number): Promise<FetchedResource> {
  const path = fileURLToPath(url);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FetchError(code === "ENOENT" ? `file not found: ${path}` : `cannot read ${path}: ${describeError(error)}`, { cause: error });
  }
  if (bytes.length > maxBytes) throw new FetchError(`${path} is ${bytes.length} bytes, over the ${maxBytes}-byte limit`);
  const contentType = /\.x?html?$/i.test(path) ? "text/html" : "text/markdown";
  return { url: url.href, contentType, text: decodeBody({ bytes, contentType }), fromCache: false };
}
