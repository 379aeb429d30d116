import type { QontakLogger } from '@qontak/auth-core';
import type { Logger } from 'pino';

/** The `logger` option of any scheme, as a pino logger (a child named `qontak`): pino takes the context first. */
export function qontakPinoLogger(pino: Logger): QontakLogger {
  const log = pino.child({ name: 'qontak' });
  return {
    debug: (message, context) => log.debug(context ?? {}, message),
    info: (message, context) => log.info(context ?? {}, message),
    warn: (message, context) => log.warn(context ?? {}, message),
    error: (message, context) => log.error(context ?? {}, message),
  };
}
