import type { EmulatorClient, ResolvedOptions } from './emulator-options';
import type { StatsRecorder } from './stats';
import type { TokenRegistry } from './token-registry';

/** What the endpoints share: the options, the token registry and the stats. */
export interface EmulatorContext {
  readonly options: ResolvedOptions;
  readonly registry: TokenRegistry;
  readonly stats: StatsRecorder;
}

/** The client with this id and secret, or `undefined` (Doorkeeper's `invalid_client`). */
export function authenticateClient(
  options: ResolvedOptions,
  clientId: string | undefined,
  clientSecret: string | undefined,
): EmulatorClient | undefined {
  if (!clientId || clientSecret === undefined) return undefined;
  return options.clients.find((c) => c.clientId === clientId && c.clientSecret === clientSecret);
}
