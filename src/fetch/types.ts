/** The fetch function document-it uses; injectable so tests can count or fake requests. */
export type FetchFunction = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Resolves a hostname to every address it has; injectable so tests can use made-up hostnames. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** A fetched resource. */
export interface FetchedResource {
  /** URL that answered, after redirects. */
  url: string;
  /** The Content-Type header ("" when there is none). */
  contentType: string;
  /** The body, decoded with its charset. */
  text: string;
  /** The `Link` header, where `rel="describedby"` and `rel="alternate"` links may be. */
  linkHeader?: string;
  /** True when the server answered 304 Not Modified and the stored copy was used. */
  fromCache: boolean;
}

/** One resource to fetch. */
export interface FetchRequest {
  url: string;
  /** The Accept header. */
  accept?: string;
  /** Attempts for transient failures; overrides the fetcher's. */
  attempts?: number;
}

/** Fetches http(s) resources politely: limits, robots.txt, address checks, retries, redirects, conditional requests. */
export interface Fetcher {
  get(request: FetchRequest): Promise<FetchedResource>;
}
