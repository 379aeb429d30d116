import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script that Redis is sent once, not with every call: each run is `EVALSHA <sha1>`, and only
 * when Redis answers `NOSCRIPT` (a server that has not seen it yet, a restart, a `SCRIPT FLUSH`, a
 * failover) is it sent with `EVAL`, which also caches it on that server for the next runs.
 *
 * It leaves the client as it found it (no `defineCommand`): the store does not own the client, and
 * any number of stores sharing one client share the server's script cache.
 */
export class RedisScript {
  /** The script's SHA-1, as Redis names it in its script cache. */
  readonly sha: string;
  readonly #lua: string;

  constructor(lua: string) {
    this.#lua = lua;
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /**
   * Runs the script on `redis` with `keys` (`KEYS[1..]`) and `args` (`ARGV[1..]`), and returns its
   * result. @throws what ioredis throws for the `EVALSHA` (other than `NOSCRIPT`) or the `EVAL`.
   */
  async run(redis: Redis, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return redis.eval(this.#lua, keys.length, ...keys, ...args);
    }
  }
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

/**
 * Deletes `KEYS[1]` only while it still holds `ARGV[1]` (returns 1, else 0): what a late unlock or
 * release runs, so that it never frees what another owner took after its own time ran out.
 */
export const COMPARE_AND_DELETE = new RedisScript(`if redis.call("get", KEYS[1]) == ARGV[1] then
  return redis.call("del", KEYS[1])
end
return 0`);
