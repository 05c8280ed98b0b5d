import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import ipaddr from "ipaddr.js";

/** Refused when private targets are: everything but ordinary public unicast (private, loopback, link-local...). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

export class WebhookTargetRefusedError extends Error {
  constructor(host: string, address: string) {
    super(`refused: ${host} resolves to ${address}, a private, loopback or link-local address`);
    this.name = "WebhookTargetRefusedError";
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;
type LookupAll = (hostname: string, options: LookupAllOptions, callback: LookupCallback) => void;

/**
 * A `lookup` for node:http(s) that resolves every address of the host and fails the connection when any is
 * not public. Checking at connect time (not before) means a name that changes its answer between a check and
 * the request (DNS rebinding) still cannot reach an internal address.
 */
export function publicOnlyLookup(resolve: LookupAll = dnsLookup) {
  return (
    hostname: string,
    options: { family?: number | string; all?: boolean },
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    resolve(hostname, { all: true }, (error, addresses) => {
      // On an error Node passes no addresses at all.
      const list = error ? [] : addresses;
      const refused = list.find((entry) => !isPublicAddress(entry.address));
      const first = list[0];
      if (error) callback(error, []);
      else if (refused) callback(new WebhookTargetRefusedError(hostname, refused.address), []);
      else if (!first) callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), []);
      else if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

/** An IP literal in a URL is never looked up, so it is checked here before any connection. */
export function assertLiteralHostAllowed(url: URL): void {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host) && !isPublicAddress(host)) throw new WebhookTargetRefusedError(url.hostname, host);
}
