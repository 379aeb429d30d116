import type { Catalog } from '../state/catalog';
import type { ContactLists } from '../state/contact-lists';
import type { Contacts } from '../state/contacts';
import type { ListBroadcasts } from '../state/list-broadcasts';
import type { ResolvedOptions } from './options';
import type { Rooms } from '../state/rooms';
import type { SentRecords } from '../state/sent-records';
import type { StatsRecorder } from '../state/stats';
import type { TokenRegistry } from '../state/token-registry';
import type { Uploads } from '../state/uploads';
import type { WebhookOutbox } from '../webhooks/webhook-outbox';

/**
 * What the endpoints share: the options, the token registry, the stats, the catalog, what was sent, the
 * contacts, the rooms, the uploaded files, and the outbox that turns what happens in rooms into webhook
 * events; the contact lists and the broadcasts to them.
 */
export interface EmulatorContext {
  readonly options: ResolvedOptions;
  readonly registry: TokenRegistry;
  readonly stats: StatsRecorder;
  readonly catalog: Catalog;
  readonly records: SentRecords;
  readonly contacts: Contacts;
  readonly rooms: Rooms;
  readonly uploads: Uploads;
  readonly outbox: WebhookOutbox;
  readonly contactLists: ContactLists;
  readonly listBroadcasts: ListBroadcasts;
}
