import type { ContactListRecord } from '../../state/contact-lists';
import { progressAt } from '../../state/contact-lists';
import { DEMO_ORGANIZATION_ID } from '../../state/seed-catalog';

/**
 * A contact list as the API renders it at `now` (the document's `ContactList`): while `processing`, its
 * counts are 0 and its variables and errors empty; then what processing the spreadsheet found.
 */
export function contactListWire(list: ContactListRecord, now: number): Record<string, unknown> {
  const progress = progressAt(list, now);
  const done = progress !== 'processing';
  const kept = done ? list.contacts.length : 0;
  const failed = done ? list.failedRows : 0;
  return {
    id: list.id,
    organization_id: DEMO_ORGANIZATION_ID,
    name: list.name,
    source_type: list.sourceType,
    source_id: null,
    progress,
    contacts_count: kept + failed,
    contacts_count_success: kept,
    contacts_count_failed: failed,
    contact_variables: done ? [...list.variables] : [],
    error_messages: done ? [...list.errorMessages] : [],
    created_at: new Date(list.createdAtMs).toISOString(),
    updated_at: new Date(done ? list.finishedAtMs : list.createdAtMs).toISOString(),
    finished_at: done ? new Date(list.finishedAtMs).toISOString() : null,
  };
}
