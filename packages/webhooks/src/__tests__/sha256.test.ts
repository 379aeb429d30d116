import { afterEach, describe, expect, it, vi } from 'vitest';

/** SHA-256 test vectors (FIPS 180-2 "abc"; UTF-8 text). */
const VECTORS = [
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['héllo ✓', '5657cdef8a85a584e0e961e6f8247cf5d3f8ed21496ed6fdbcfd43a761e94245'],
] as const;

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('sha256Hex', () => {
  it("computes the digest at once with node:crypto's hash", async () => {
    const { sha256Hex } = await import('../sha256');
    for (const [text, digest] of VECTORS) expect(sha256Hex(text)).toBe(digest);
  });

  it('computes the same digests with Web Crypto where the runtime has no node:crypto (Workers, browsers)', async () => {
    vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never);
    vi.resetModules();
    const { sha256Hex } = await import('../sha256');
    for (const [text, digest] of VECTORS) {
      const answer = sha256Hex(text);
      expect(answer).toBeInstanceOf(Promise);
      expect(await answer).toBe(digest);
    }
  });
});
