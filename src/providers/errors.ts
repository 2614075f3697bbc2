import { DocumentItError } from "../errors.ts";

/** An LLM provider call failed: the endpoint refused or failed, or its answer failed its schema. */
export class ProviderError extends DocumentItError {
  override readonly name = "ProviderError";
  /** HTTP status, when the endpoint answered with one. */
  readonly status: number | undefined;

  /** The input was longer than the model's context window: a smaller batch may pass. */
  readonly contextLengthExceeded: boolean;

  constructor(message: string, options: { status?: number; isRetryable?: boolean; cause?: unknown; contextLengthExceeded?: boolean } = {}) {
    super("ANALYSIS_FAILED", message, options);
    this.status = options.status;
    this.contextLengthExceeded = options.contextLengthExceeded ?? false;
  }
}

/**
 * The endpoint refused the API key (HTTP 401 or 403). It stops the run: every later request would be refused
 * too, so no document is to blame and none is retried.
 */
export class ProviderAuthError extends DocumentItError {
  override readonly name = "ProviderAuthError";
  readonly status: number;

  constructor(message: string, options: { status: number }) {
    super("PROVIDER_UNAUTHORIZED", message);
    this.status = options.status;
  }
}

const REDACTED = "[redacted]";
// Key shapes endpoints echo back, e.g. OpenAI's "Incorrect API key provided: sk-proj-****abcd".
const KEY_SHAPES = /\b(?:sk|rk|pk)-[A-Za-z0-9_*\-]{4,}/g;

/** Removes `secrets` (and anything shaped like an API key) from a text meant for an error, a log or a file. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const secret of secrets) if (secret !== undefined && secret.length >= 4) result = result.replaceAll(secret, REDACTED);
  return result.replace(KEY_SHAPES, REDACTED).replace(/(authorization["']?\s*[:=]\s*["']?bearer\s+)[^\s"',}]+/gi, `$1${REDACTED}`);
}
