/**
 * Whether `hostname` (as `URL#hostname` gives it) is a loopback address: `localhost`, 127.0.0.0/8 or
 * ::1. Other `*.localhost` names are not: a resolver may send them to DNS.
 */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost') return true;
  if (host === '[::1]' || host === '::1') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether credentials may travel to `url`: HTTPS, or plain HTTP to a loopback address (the emulator,
 * tests).
 */
export function isSecureOrLoopback(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHostname(url.hostname);
}
