/** Polite, incremental fetching: limits, robots.txt, address checks, retries, redirects, charsets, markdown first. */
export { assertAddressAllowed, isPrivateAddress, resolveWithDns, type AddressGuardOptions } from "./address-guard.ts";
export { decodeBody, headerCharset } from "./charset.ts";
export { fetchPreferringMarkdown, isHtmlResource, type FetchedDocument, type FetchPreferringMarkdownOptions } from "./document.ts";
export { createFetchHosts, type CreateFetchHostsOptions, type FetchHosts } from "./fetch-hosts.ts";
export { fetchText, type FetchTextOptions } from "./fetch-text.ts";
export { DOCUMENT_ACCEPT, USER_AGENT, createFetcher, type FetcherOptions } from "./fetcher.ts";
export { parseLinkHeader, type HeaderLink } from "./link-header.ts";
export { markdownAlternates, markdownVariantUrls, type VariantStyle } from "./markdown-variants.ts";
export { backoffDelay, parseRetryAfter } from "./retry-timing.ts";
export { ROBOTS_PRODUCT_TOKEN } from "./robots.ts";
export { isPathAllowed, parseRobotsTxt, robotsAllow, type RobotsRule, type RobotsVerdict } from "./robots-rules.ts";
export type { FetchFunction, FetchRequest, FetchedResource, Fetcher, ResolveHost } from "./types.ts";
