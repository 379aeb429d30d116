import type { Catalog } from './catalog';
import type { EmulatorClient, ResolvedOptions } from './emulator-options';
import type { SentRecords } from './sent-records';
import type { StatsRecorder } from './stats';
import type { TokenRegistry } from './token-registry';

/** What the endpoints share: the options, the token registry, the stats, the catalog and what was sent. */
export interface EmulatorContext {
  readonly options: ResolvedOptions;
  readonly registry: TokenRegistry;
  readonly stats: StatsRecorder;
  readonly catalog: Catalog;
  readonly records: SentRecords;
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
