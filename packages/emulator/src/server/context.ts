import type { Catalog } from '../state/catalog';
import type { ResolvedOptions } from './options';
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
