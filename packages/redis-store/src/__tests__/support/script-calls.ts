import type { Redis } from 'ioredis';

/** Calls of EVAL and EVALSHA since the last CONFIG RESETSTAT, from INFO commandstats. */
export async function scriptCalls(
  redis: Redis,
): Promise<{ eval: number; evalsha: number; failedEvalsha: number }> {
  const stats = await redis.info('commandstats');
  const field = (command: string, name: string) =>
    Number(new RegExp(`^cmdstat_${command}:.*\\b${name}=(\\d+)`, 'm').exec(stats)?.[1] ?? 0);
  return {
    eval: field('eval', 'calls'),
    evalsha: field('evalsha', 'calls'),
    failedEvalsha: field('evalsha', 'failed_calls'),
  };
}
