import type { Catalog } from '../state/catalog';
import type { EmulatorClient, ResolvedOptions } from './options';
import type { SentRecords } from '../state/sent-records';
import type { StatsRecorder } from '../state/stats';
import type { TokenRegistry } from '../state/token-registry';

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
