import type { IncomingMessage } from 'node:http';
import net, { BlockList } from 'node:net';
import type { Step } from './exchange';

/**
 * Which hops in front of this process may say who the client is. `null`: none,
 * the client is the socket's peer. `{ hops: n }`: the nearest n hops are our
 * own proxies (1: one load balancer). `{ ranges }`: any hop whose address is
 * in these ranges (CIDR, or a single address) is one of ours.
 */
export type TrustProxy = null | { hops: number } | { ranges: readonly string[] };

/** The header a trusted proxy writes the client's address into. */
export type ForwardedHeader = 'x-forwarded-for' | 'forwarded';

export interface ClientAddressOptions {
  /** Which hops are trusted. @default null (no proxy trusted: forwarded headers are ignored) */
  trustProxy?: TrustProxy;
  /**
   * The one header read. Only one: a proxy that writes one header passes the
   * other on from the client untouched, so reading both would let a client
   * name itself. @default 'x-forwarded-for'
   */
  forwardedHeader?: ForwardedHeader;
}

/** `::ffff:10.0.0.1` is 10.0.0.1: Node reports IPv4 peers of a dual-stack socket this way. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/** One entry of X-Forwarded-For or one `for=` of Forwarded, without quotes, brackets or port; null if it is not an address. */
function addressOf(entry: string): string | null {
  let value = entry.trim().replace(/^"|"$/g, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  return net.isIP(value) ? normalise(value) : null;
}

/** The addresses a header lists, nearest hop last, as proxies append them; an entry that is not an address is null. */
function forwardedAddresses(req: IncomingMessage, header: ForwardedHeader): (string | null)[] {
  const raw = req.headers[header];
  const text = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  if (text.trim() === '') return [];
  if (header === 'x-forwarded-for') return text.split(',').map(addressOf);
  // Forwarded: comma-separated elements, each `key=value` pairs separated by semicolons (RFC 7239).
  return text.split(',').map((element) => {
    const forPair = element.split(';').find((pair) => pair.trim().toLowerCase().startsWith('for='));
    return forPair ? addressOf(forPair.trim().slice(4)) : null;
  });
}

/** A test of whether a hop is trusted, made once from the options. */
function trustTest(trustProxy: TrustProxy): (address: string, index: number) => boolean {
  if (!trustProxy) return () => false;
  if ('hops' in trustProxy) return (_address, index) => index < trustProxy.hops;
  const list = new BlockList();
  for (const range of trustProxy.ranges) {
    const [address, prefix] = range.split('/');
    const type = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    list.addSubnet(address, prefix === undefined ? (type === 'ipv6' ? 128 : 32) : Number(prefix), type);
  }
  return (address) => list.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted
 * proxy, in which case the address it forwarded, and so on back through
 * trusted hops only. What an untrusted hop says is never read, so a client
 * cannot choose its own address (and with it its rate-limit budget) by
 * sending the header itself.
 */
export function clientAddressOf(options: ClientAddressOptions): (req: IncomingMessage) => string {
  const trusted = trustTest(options.trustProxy ?? null);
  const header = options.forwardedHeader ?? 'x-forwarded-for';
  return (req) => {
    const peer = normalise(req.socket.remoteAddress ?? 'unknown');
    if (!options.trustProxy) return peer;
    // Nearest first: the peer, then what each proxy says of the hop before it.
    const hops = [peer, ...forwardedAddresses(req, header).reverse()];
    let index = 0;
    while (index + 1 < hops.length && trusted(hops[index]!, index)) {
      if (hops[index + 1] === null) break;
      index += 1;
    }
    return hops[index]!;
  };
}

/** Sets the exchange's client address, for the admission (rate limits) and the request log line. */
export function identifyClient(options: ClientAddressOptions): Step {
  const addressOf = clientAddressOf(options);
  return (exchange) => {
    exchange.clientAddress = addressOf(exchange.req);
    return false;
  };
}
