import { BlockList, isIP } from 'node:net';

/**
 * Address ranges that are not the public internet: loopback, private, link-local, unique-local,
 * CGNAT, multicast, unspecified, reserved and documentation ranges. Node's BlockList parses
 * both families and matches an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) by its IPv4 rules.
 */
const NON_PUBLIC: readonly (readonly [string, number, 'ipv4' | 'ipv6'])[] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network", 0.0.0.0 reaches the host itself
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata services
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, and the broadcast address
  ['::', 96, 'ipv6'], // unspecified, loopback and the deprecated IPv4-compatible form
  ['100::', 64, 'ipv6'], // discard
  ['2001:db8::', 32, 'ipv6'],
  ['fc00::', 7, 'ipv6'], // unique-local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // the former site-local
  ['ff00::', 8, 'ipv6'], // multicast
];

const nonPublic = new BlockList();
for (const [network, prefix, family] of NON_PUBLIC) nonPublic.addSubnet(network, prefix, family);

/** Whether an IP address lies on the public internet (false for anything that is not an IP). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !nonPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The address a URL's host names literally, without IPv6 brackets, or undefined for a name. */
function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? undefined : bare;
}

/** `localhost` and its subdomains always name the host itself. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

const PRIVATE_REFUSED =
  'must not point to a loopback, private or reserved address (GUANXI_WEBHOOK_ALLOW_PRIVATE=1 allows it for development)';
const HTTP_REFUSED = 'must be an https URL';
const PUBLIC_HTTP_REFUSED = 'must be an https URL: plain http is only allowed to private addresses';

/**
 * Where webhooks may be sent. Without `allowPrivate` only https to public addresses; with it
 * (for development and tests) also loopback and private addresses, over http or https, while
 * public addresses still need https.
 */
export class WebhookTargets {
  readonly #allowPrivate: boolean;

  constructor(allowPrivate: boolean) {
    this.#allowPrivate = allowPrivate;
  }

  /**
   * Why a URL cannot be saved as a webhook, judged without DNS: its scheme, and its host when
   * that is an IP address or localhost. Names are checked again once resolved, at delivery.
   */
  urlRefusal(url: string): string | undefined {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'https:' && !this.#allowPrivate) return HTTP_REFUSED;
    const address = literalAddress(hostname);
    if (address !== undefined) return this.addressRefusal(protocol, address);
    if (isLocalhostName(hostname) && !this.#allowPrivate) return PRIVATE_REFUSED;
    return undefined;
  }

  /** Why a delivery over `protocol` (`http:` or `https:`) may not connect to `address`. */
  addressRefusal(protocol: string, address: string): string | undefined {
    if (!isPublicAddress(address)) return this.#allowPrivate ? undefined : PRIVATE_REFUSED;
    return protocol === 'https:' ? undefined : PUBLIC_HTTP_REFUSED;
  }
}
