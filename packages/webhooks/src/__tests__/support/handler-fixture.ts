import { createQontakWebhookHandler } from '../../create-qontak-webhook-handler';
import type { QontakWebhookEvent } from '../../qontak-webhook-event';
import type { QontakWebhookHandlerOptions } from '../../webhook-handler-options';
import { qontakWebhookUrl } from '../../webhook-secret';
import { serve, type WebServer } from './web-server';

/** The secret of the test handlers. */
export const SECRET = 'kV3xN9pQ2mR7tW4yZ8bC1dF6gH0jL5sA';

/** One call of the recording logger. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  context?: Record<string, unknown> | undefined;
}

/** A handler on a loopback server, with what it handed over and logged. */
export interface HandlerFixture {
  /** The URL registered with Qontak: the server's `/qontak/webhook` with the secret. */
  readonly url: string;
  readonly server: WebServer;
  /** The events `onEvent` received, in order. */
  readonly events: QontakWebhookEvent[];
  readonly logs: LogLine[];
}

/** Starts the handler (with `SECRET`, a recording logger and `options`) on a loopback server. */
export async function startHandler(
  options: Partial<QontakWebhookHandlerOptions> = {},
): Promise<HandlerFixture> {
  const events: QontakWebhookEvent[] = [];
  const logs: LogLine[] = [];
  const record =
    (level: LogLine['level']) =>
    (message: string, context?: Record<string, unknown>): void => {
      logs.push({ level, message, context });
    };
  const handler = createQontakWebhookHandler({
    secret: SECRET,
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
    ...options,
    onEvent: async (event) => {
      events.push(event);
      await options.onEvent?.(event);
    },
  });
  const server = await serve(handler);
  return { url: qontakWebhookUrl(`${server.origin}/qontak/webhook`, SECRET), server, events, logs };
}
