import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { FetchError, describeError } from "../errors.ts";
import type { ResolveHost } from "./types.ts";

// Loopback, private, link-local, carrier-grade NAT, unspecified, multicast and reserved ranges: nothing a public docs site lives on.
const PRIVATE_RANGES: Array<[string, number, "ipv4" | "ipv6"]> = [
  ["0.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["198.18.0.0", 15, "ipv4"],
  ["224.0.0.0", 4, "ipv4"],
  ["240.0.0.0", 4, "ipv4"],
  ["::", 128, "ipv6"],
  ["::1", 128, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
  ["ff00::", 8, "ipv6"],
];

const PRIVATE = new BlockList();
for (const [network, prefix, family] of PRIVATE_RANGES) PRIVATE.addSubnet(network, prefix, family);

/** True when an IP address is loopback, private, link-local or otherwise not on the public internet (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/%.*$/, "");
  const family = isIP(bare);
  // Not an address at all: refuse rather than guess.
  if (family === 0) return true;
  return PRIVATE.check(bare, family === 4 ? "ipv4" : "ipv6");
}

/** Resolves a hostname with the system resolver (node:dns lookup), every address. */
export const resolveWithDns: ResolveHost = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Options of assertAddressAllowed. */
export interface AddressGuardOptions {
  url: URL;
  /** The user allowed private addresses everywhere (`--allow-private`). */
  allowPrivate: boolean;
  /** Hostnames that may be private: the source's own host. */
  trustedHosts: readonly string[];
  resolveHost: ResolveHost;
}

/** Throws a FetchError when the URL's host is, or resolves to, a private, loopback or link-local address it may not reach. */
export async function assertAddressAllowed(options: AddressGuardOptions): Promise<void> {
  const { url } = options;
  if (options.allowPrivate || options.trustedHosts.includes(url.hostname)) return;
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  if (isIP(hostname)) addresses = [hostname];
  else {
    try {
      addresses = await options.resolveHost(hostname);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new FetchError(`cannot resolve ${hostname} for ${url.href} (${code ?? describeError(error)})`, { cause: error, isRetryable: code === "EAI_AGAIN" });
    }
  }
  const blocked = addresses.find(isPrivateAddress);
  if (addresses.length === 0 || blocked !== undefined) {
    throw new FetchError(
      `refusing ${url.href}: ${hostname} resolves to the private address ${blocked ?? "(none)"}; only the source's own host may (pass --allow-private to allow it)`,
    );
  }
}
