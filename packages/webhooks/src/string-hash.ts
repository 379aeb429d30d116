/**
 * A 32-bit hash of `text` under `seed`: FNV-1a over its UTF-16 code units, then MurmurHash3's final mix,
 * so that every bit of the result depends on every character. Not a cryptographic hash: a table keyed by
 * it gives each instance a random seed, so that which keys collide differs from one table to the next.
 */
export function stringHash(text: string, seed: number): number {
  let hash = seed ^ 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
