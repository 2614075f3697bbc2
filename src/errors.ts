/** The closed set of error codes document-it raises. */
export type DocumentItErrorCode =
  | "USAGE"
  | "SOURCE_NOT_FOUND"
  | "SOURCE_EMPTY"
  | "SOURCE_NO_LINKS"
  | "SOURCE_UNREACHABLE"
  | "SOURCE_INVALID"
  | "FETCH_FAILED"
  | "EXTRACT_FAILED"
  | "ANALYSIS_FAILED"
  | "PROVIDER_UNAUTHORIZED"
  | "RUN_NOT_FOUND"
  | "OUTPUT_FAILED"
  | "COST_LIMIT";

/** Codes that mean the user's input or invocation is unusable (CLI exit code 2). */
const INPUT_ERROR_CODES: ReadonlySet<DocumentItErrorCode> = new Set([
  "USAGE",
  "SOURCE_NOT_FOUND",
  "SOURCE_EMPTY",
  "SOURCE_NO_LINKS",
  "SOURCE_UNREACHABLE",
  "SOURCE_INVALID",
  "RUN_NOT_FOUND",
  "PROVIDER_UNAUTHORIZED",
]);

/** Codes that fail the whole run, not one document or topic: a branch rethrows them instead of recording a failure. */
const RUN_STOPPING_CODES: ReadonlySet<DocumentItErrorCode> = new Set(["PROVIDER_UNAUTHORIZED"]);

/** Base class of every error document-it raises on purpose. */
export class DocumentItError extends Error {
  override readonly name: string = "DocumentItError";
  /** What went wrong, from a closed set. */
  readonly code: DocumentItErrorCode;
  /** True when trying the same thing again may succeed. */
  readonly isRetryable: boolean;

  constructor(code: DocumentItErrorCode, message: string, options: { cause?: unknown; isRetryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
  }

  /** True when the error is about the user's input rather than a document or the machine. */
  get isInputError(): boolean {
    return INPUT_ERROR_CODES.has(this.code);
  }
}

/** True for an error that stops the run (a rejected API key) rather than failing one document or topic. */
export function stopsRun(error: unknown): boolean {
  return error instanceof DocumentItError && RUN_STOPPING_CODES.has(error.code);
}

/** A document could not be fetched. */
export class FetchError extends DocumentItError {
  override readonly name = "FetchError";
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;

  constructor(message: string, options: { status?: number; cause?: unknown; isRetryable?: boolean } = {}) {
    super("FETCH_FAILED", message, options);
    this.status = options.status;
  }
}

/** A one-line description of any thrown value, for run.json and the terminal. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return String(error);
}
