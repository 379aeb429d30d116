import { randomUUID } from 'node:crypto';
import { errorEnvelopeReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import type { ListContact } from '../../state/contact-lists';
import type { ContactListBroadcastRequest, ListBroadcastRecord } from '../../state/list-broadcasts';
import type { BroadcastRecord, DirectBroadcastRequest } from '../../state/sent-records';
import { deliverBroadcast } from './broadcast-delivery';
import { listBroadcastWire } from './broadcast-wire';
import { validateContactListBroadcast } from './contact-list-broadcast-validation';

/**
 * The message one contact gets, as a direct broadcast's body: a body parameter whose `value` names one of
 * the list's columns takes that contact's cell (when not blank) as its `value_text`.
 */
function messageTo(contact: ListContact, request: ContactListBroadcastRequest): DirectBroadcastRequest {
  const { message_template_id, channel_integration_id, language, parameters } = request;
  const message: DirectBroadcastRequest = {
    to_number: contact.phone,
    to_name: contact.name === '' ? contact.phone.replace(/^\+/, '') : contact.name,
    message_template_id,
    channel_integration_id,
    language: { ...language },
  };
  if (parameters !== undefined) {
    const own = (key: string) =>
      Object.hasOwn(contact.variables, key) && contact.variables[key]?.trim() !== ''
        ? contact.variables[key]
        : undefined;
    message.parameters = structuredClone(parameters);
    message.parameters.body = parameters.body?.map((entry) => ({
      ...entry,
      value_text: own(entry.value) ?? entry.value_text,
    }));
    if (message.parameters.body === undefined) delete message.parameters.body;
  }
  return message;
}

/**
 * `POST /v1/broadcasts/whatsapp`: a WhatsApp template message to every contact of a contact list whose
 * processing succeeded, now (`execute_type: immediately`) or at `send_at` (`specific`, on a real timer
 * that `close()` and `reset()` cancel). 201 with the broadcast (public integrations read `data.id`), or 422
 * naming each missing or bad field. Each contact gets one entry in the broadcast's log and, once sent, its
 * message in its room with its statuses delivered like a direct broadcast's.
 */
export const contactListBroadcastOperation: ApiOperation = {
  method: 'POST',
  path: /^\/v1\/broadcasts\/whatsapp$/,
  route: 'broadcast-contact-list',
  body: 'json',
  handle({ ctx, caller }, body) {
    const now = ctx.options.clock();
    const result = validateContactListBroadcast(body, ctx.catalog, ctx.contactLists, now);
    if (!result.ok) return errorEnvelopeReply(422, result.messages);
    const { request, list, template, integration, sendAtMs } = result.value;
    const id = randomUUID();
    const recipients: BroadcastRecord[] = list.contacts.map((contact) => ({
      id,
      credential: caller.credential,
      request: messageTo(contact, request),
      contactId: ctx.contacts.idOf(contact.phone),
      logEntryId: randomUUID(),
      createdAtMs: sendAtMs,
    }));
    const record: ListBroadcastRecord = {
      id,
      credential: caller.credential,
      request,
      createdAtMs: now,
      sendAtMs,
      recipients,
    };
    ctx.listBroadcasts.add(record);
    const send = () => {
      for (const recipient of recipients) {
        deliverBroadcast(ctx, recipient, template, integration, sendAtMs);
      }
    };
    if (sendAtMs > now) ctx.listBroadcasts.schedule(id, sendAtMs - now, send);
    else send();
    const wire = listBroadcastWire(record, template, integration, now, ctx.options.statusTimings);
    return successReply(201, wire);
  },
};
