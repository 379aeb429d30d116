import type { Checked } from '../../api/field-checks';
import { checkKnownKeys, FieldErrors, requiredString } from '../../api/field-checks';
import { echoed } from '../../server/echoed-value';
import { MAX_TIMER_MS } from '../../server/integer-option';
import type { JsonObject } from '../../server/json';
import { isJsonObject, NOT_A_JSON_OBJECT } from '../../server/json';
import type { Catalog, CatalogIntegration, CatalogTemplate } from '../../state/catalog';
import type { ContactListRecord, ContactLists } from '../../state/contact-lists';
import { progressAt } from '../../state/contact-lists';
import type { ContactListBroadcastRequest, ExecuteType } from '../../state/list-broadcasts';
import { readTemplateMessage } from './direct-broadcast-validation';

/** A broadcast to a contact list the API accepts, with what it names and when it is sent. */
interface ContactListBroadcast {
  request: ContactListBroadcastRequest;
  list: ContactListRecord;
  template: CatalogTemplate;
  integration: CatalogIntegration;
  /** On the emulator's clock: now, or `send_at` when that is later. */
  sendAtMs: number;
}

const FIELDS = [
  'name',
  'contact_list_id',
  'message_template_id',
  'channel_integration_id',
  'language',
  'parameters',
  'execute_type',
  'send_at',
];

const EXECUTE_TYPES: readonly ExecuteType[] = ['immediately', 'specific'];

/** A date-time with a date, a time and a zone (`2026-01-31T09:00:00+07:00`, `...Z`). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function readList(body: JsonObject, lists: ContactLists, now: number, errors: FieldErrors) {
  const id = requiredString(body, 'contact_list_id', 'contact_list_id', errors);
  if (id === undefined) return undefined;
  const list = lists.get(id);
  if (list === undefined) {
    errors.add('contact_list_id does not match any contact list');
    return undefined;
  }
  const progress = progressAt(list, now);
  if (progress === 'success') return list;
  errors.add(
    progress === 'processing'
      ? `contact_list_id refers to contact list ${echoed(list.name)}, which is still processing`
      : `contact_list_id refers to contact list ${echoed(list.name)}, whose processing failed`,
  );
  return undefined;
}

/** `execute_type` and `send_at`: when the broadcast is sent, on the emulator's clock. */
function readSchedule(
  body: JsonObject,
  now: number,
  errors: FieldErrors,
): { executeType: ExecuteType; sendAt?: string; sendAtMs: number } | undefined {
  const executeType = requiredString(body, 'execute_type', 'execute_type', errors);
  const known = EXECUTE_TYPES.find((type) => type === executeType);
  if (executeType !== undefined && known === undefined) {
    errors.add(`execute_type must be ${EXECUTE_TYPES.join(' or ')}`);
  }
  const raw = body['send_at'];
  let sendAtMs: number | undefined;
  if (raw === undefined || raw === null) {
    if (known === 'specific') errors.add('send_at is required when execute_type is specific');
  } else if (typeof raw !== 'string' || !DATE_TIME.test(raw) || Number.isNaN(Date.parse(raw))) {
    errors.add('send_at must be a date-time with a zone, e.g. 2026-01-31T09:00:00+07:00');
  } else {
    sendAtMs = Date.parse(raw);
    if (known === 'specific' && sendAtMs - now > MAX_TIMER_MS) {
      errors.add('send_at must be at most 24 days ahead (the emulator keeps no longer timer)');
    }
  }
  if (known === undefined) return undefined;
  if (known === 'immediately') return { executeType: known, sendAtMs: now };
  if (sendAtMs === undefined || typeof raw !== 'string') return undefined;
  return { executeType: known, sendAt: raw, sendAtMs: Math.max(now, sendAtMs) };
}

/**
 * Checks a broadcast to a contact list the way the API does: a JSON object with only the documented
 * fields; `name`; `contact_list_id` of a list whose processing succeeded; the fields of
 * `readTemplateMessage`; `execute_type` `immediately` or `specific`, and `send_at` (a date-time with a
 * zone) required with `specific` (a past one sends at once; one given with `immediately` is checked and
 * not used). Every problem is named, in field order.
 */
export function validateContactListBroadcast(
  body: unknown,
  catalog: Catalog,
  lists: ContactLists,
  now: number,
): Checked<ContactListBroadcast> {
  if (!isJsonObject(body)) return { ok: false, messages: [NOT_A_JSON_OBJECT] };
  const errors = new FieldErrors();
  checkKnownKeys(body, FIELDS, '', errors);
  const name = requiredString(body, 'name', 'name', errors);
  const list = readList(body, lists, now, errors);
  const message = readTemplateMessage(body, catalog, errors);
  const schedule = readSchedule(body, now, errors);
  if (!errors.empty || name === undefined || !list || !message || !schedule) {
    return { ok: false, messages: errors.messages };
  }
  const { template, integration, ...fields } = message;
  const request: ContactListBroadcastRequest = {
    name,
    contact_list_id: list.id,
    ...fields,
    execute_type: schedule.executeType,
  };
  if (schedule.sendAt !== undefined) request.send_at = schedule.sendAt;
  return { ok: true, value: { request, list, template, integration, sendAtMs: schedule.sendAtMs } };
}
