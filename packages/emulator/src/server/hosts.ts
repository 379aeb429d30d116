import { BlockList, isIPv4, isIPv6 } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether `address` (an IP address, as a socket reports it) is a loopback address: 127.0.0.0/8 or ::1. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const ip = address.replace(/^::ffff:(?=\d+\.)/i, '');
  if (isIPv4(ip)) return LOOPBACK.check(ip, 'ipv4');
  return isIPv6(ip) && LOOPBACK.check(ip, 'ipv6');
}

/**
 * Whether a host name, as given in a URL, an option or a flag, names this machine: `localhost`, or a
 * loopback address (an IPv6 one in brackets or not).
 */
export function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || isLoopbackAddress(hostname.replace(/^\[(.*)\]$/, '$1'));
}

/** `host` as a URL's authority writes it: an IPv6 address in brackets. */
export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

let warnedPublicBind = false;

/**
 * Warns once per process, on stderr (`process.emitWarning`), that an emulator listens on `address`, which is
 * not loopback: whoever reaches it gets tokens with the public demo credentials, and can have it POST webhook
 * events to any URL.
 */
export function warnPublicBind(address: string, port: number): void {
  if (warnedPublicBind) return;
  warnedPublicBind = true;
  const where = `${hostForUrl(address)}:${port}`;
  process.emitWarning(
    `@qontak/emulator listens on ${where}, which is not a loopback address: anyone who reaches it gets ` +
      'tokens with the public demo credentials (DEMO_USERNAME / DEMO_PASSWORD, DEMO_ACCESS_TOKEN, the demo ' +
      'HMAC client), and can have it POST webhook events to any URL. Bind it to 127.0.0.1 (the default) ' +
      'unless other hosts must reach it.',
    { code: 'QONTAK_EMULATOR_PUBLIC_BIND' },
  );
}
