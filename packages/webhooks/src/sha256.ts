/** The one-shot `hash` of `node:crypto`. */
type NodeHash = (algorithm: 'sha256', data: string, encoding: 'hex') => string;

/**
 * Node's one-shot `hash`, where the runtime hands out `node:crypto` (Node 20.16 and later): a digest
 * computed at once. Web Crypto's `crypto.subtle.digest`, used elsewhere (older Node, Workers, browsers),
 * is asynchronous by design, and in Node each call is a job on the thread pool, which would cost a
 * delivery whose dedupe key is digested a promise turn and a thread hop.
 */
const nodeHash: NodeHash | undefined = (() => {
  try {
    const nodeCrypto = globalThis.process?.getBuiltinModule?.('node:crypto') as
      { hash?: unknown } | undefined;
    return typeof nodeCrypto?.hash === 'function' ? (nodeCrypto.hash as NodeHash) : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * The SHA-256 digest of `text` (UTF-8) in lower-case hex, 64 characters: computed at once where Node's
 * crypto is at hand, else by Web Crypto (a promise).
 */
export function sha256Hex(text: string): string | Promise<string> {
  if (nodeHash !== undefined) return nodeHash('sha256', text, 'hex');
  return crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(text))
    .then((digest) =>
      Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(''),
    );
}
