import { Logger } from '@nestjs/common';
import type { QontakLogger } from '@qontak/auth-core';

/** The `logger` option of any scheme, as Nest's `Logger` with the context `Qontak` (what the app's logger prints). */
export function qontakNestLogger(logger: Logger = new Logger('Qontak')): QontakLogger {
  const line = (message: string, context?: Record<string, unknown>) =>
    context === undefined || Object.keys(context).length === 0
      ? message
      : `${message} ${JSON.stringify(context)}`;
  return {
    debug: (message, context) => logger.debug(line(message, context)),
    info: (message, context) => logger.log(line(message, context)),
    warn: (message, context) => logger.warn(line(message, context)),
    error: (message, context) => logger.error(line(message, context)),
  };
}
