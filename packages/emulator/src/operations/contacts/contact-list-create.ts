import { errorEnvelopeReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { readContactsCsv } from './contact-list-csv';
import { contactListWire } from './contact-list-wire';
import { validateContactList } from './contact-list-validation';

/**
 * `POST /v1/contacts/contact_lists/async` (multipart `name`, `source_type`, `file`): 201 with the new list,
 * `progress: processing`; it reads `success` (or `failed`) once `contactListProcessingMs` passed on the
 * emulator's clock, with what the spreadsheet held (see `readContactsCsv`). 422 naming each bad field.
 */
export const contactListCreateOperation: ApiOperation = {
  method: 'POST',
  path: /^\/v1\/contacts\/contact_lists\/async$/,
  route: 'contact-list-create',
  body: 'multipart',
  async handle({ ctx, caller }, form) {
    const checked = validateContactList(form);
    if (!checked.ok) return errorEnvelopeReply(422, checked.messages);
    const { name, sourceType, file } = checked.value;
    const contents = readContactsCsv(new Uint8Array(await file.arrayBuffer()));
    const now = ctx.options.clock();
    const list = ctx.contactLists.add(
      { name, sourceType, credential: caller.credential },
      contents,
      file.size,
      now,
    );
    return successReply(201, contactListWire(list, now));
  },
};
