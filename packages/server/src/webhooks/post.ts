import { lookup as systemLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Every address a host name resolves to. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  systemLookup(hostname, { all: true, verbatim: true });

export interface PostOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  readonly resolve: Resolver;
  /** Why the URL's scheme may not reach this address, or undefined when it may. */
  readonly refusal: (protocol: string, address: string) => string | undefined;
}

export interface PostAnswer {
  readonly status: number;
  /** Where a 3xx pointed; redirects are never followed. */
  readonly location?: string;
}

/**
 * POSTs once, to addresses checked after resolving the host: every address it resolves to
 * must be allowed, and the connection is made to those very addresses (the request's own
 * `lookup` answers with them), so a DNS answer that changes in between cannot slip through.
 * Throws, with a message for the delivery log, when refused, unreachable or too slow.
 */
export async function postOnce(url: URL, options: PostOptions): Promise<PostAnswer> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(host);
  const addresses = family === 0 ? await options.resolve(host) : [{ address: host, family }];
  const [first] = addresses;
  if (first === undefined) throw new Error(`${host} resolves to no address`);
  for (const { address } of addresses) {
    const refusal = options.refusal(url.protocol, address);
    if (refusal === undefined) continue;
    const named = address === host ? address : `${address} (${host})`;
    throw new Error(`refused to connect to ${named}: the URL ${refusal}`);
  }
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) =>
    lookupOptions.all
      ? callback(null, [...addresses])
      : callback(null, first.address, first.family);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const deadline = AbortSignal.timeout(options.timeoutMs);
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body) },
        lookup,
        agent: false,
        signal: deadline,
      },
      (response) => {
        const { statusCode = 0, headers } = response;
        response.destroy();
        resolve(
          headers.location === undefined
            ? { status: statusCode }
            : { status: statusCode, location: headers.location },
        );
      },
    );
    request.on('error', (error) =>
      reject(deadline.aborted ? new Error(`no answer within ${options.timeoutMs} ms`) : error),
    );
    request.end(options.body);
  });
}
