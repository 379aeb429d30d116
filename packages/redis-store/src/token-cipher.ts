import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { configError } from '@qontak/auth-core/adapter';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Marks an encrypted entry; the version lets a later format be told apart. */
const PREFIX = 'qontak-enc:v1:';

/**
 * AES-256-GCM for stored tokens: a random 12-byte IV per write, the Redis key as additional
 * authenticated data (an entry copied under another account's key does not decrypt), and the
 * value `qontak-enc:v1:<base64(iv | tag | ciphertext)>`.
 */
export class TokenCipher {
  readonly #key: Buffer;

  /** @throws {QontakAuthError} `config_error` when the key is not 32 bytes (raw, or base64 text). */
  constructor(key: Uint8Array | string) {
    const bytes = typeof key === 'string' ? Buffer.from(key, 'base64') : Buffer.from(key);
    if (bytes.length !== KEY_BYTES) {
      throw configError(
        'RedisTokenStore',
        `encryptionKey must be ${KEY_BYTES} bytes (a Buffer, or base64 text of ${KEY_BYTES} bytes); got ${bytes.length} bytes.`,
      );
    }
    this.#key = bytes;
  }

  /** Encrypts `plaintext` for the entry stored under `key`. */
  encrypt(plaintext: string, key: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(key, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  /** The plaintext of a value made by {@link encrypt} for `key`; `undefined` when it is not one, or does not authenticate. */
  decrypt(value: string, key: string): string | undefined {
    if (!value.startsWith(PREFIX)) return undefined;
    const bytes = Buffer.from(value.slice(PREFIX.length), 'base64');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv(ALGORITHM, this.#key, bytes.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(key, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
