import { errorEnvelopeReply, successReply } from '../../api/envelope';
import { checkKnownKeys, FieldErrors } from '../../api/field-checks';
import type { ApiOperation } from '../../api/operation';
import { isJsonObject, NOT_A_JSON_OBJECT } from '../../server/json';
import { PHONE_NUMBER, PHONE_NUMBER_RULE, readWhatsappIntegration } from './direct-broadcast-validation';

/**
 * Whether `number` is on WhatsApp, by the emulator's rule: every number is, except one whose digits start
 * with `0` (a local number without its country code, which WhatsApp cannot resolve either).
 */
function onWhatsapp(digits: string): boolean {
  return !digits.startsWith('0');
}

/**
 * `POST /v1/broadcasts/contacts` `{ channel_integration_id, phone_numbers }`: 200 with one entry per
 * number, in order: `{ input, status: 'valid', wa_id }` (its digits) or `{ input, status: 'invalid' }`
 * (see {@link onWhatsapp}). 422 naming each bad field: a WhatsApp integration, and at least one number,
 * each of 5 to 15 digits with an optional leading + (as many as `maxBodyBytes` holds).
 */
export const broadcastContactsOperation: ApiOperation = {
  method: 'POST',
  path: /^\/v1\/broadcasts\/contacts$/,
  route: 'broadcast-contacts',
  body: 'json',
  handle({ ctx }, body) {
    if (!isJsonObject(body)) return errorEnvelopeReply(422, [NOT_A_JSON_OBJECT]);
    const errors = new FieldErrors();
    checkKnownKeys(body, ['channel_integration_id', 'phone_numbers'], '', errors);
    readWhatsappIntegration(body, ctx.catalog, errors);
    const numbers = body['phone_numbers'];
    if (numbers === undefined || numbers === null) errors.add('phone_numbers is required');
    else if (!Array.isArray(numbers)) errors.add('phone_numbers must be an array');
    else if (numbers.length === 0) errors.add('phone_numbers must have at least one number');
    else {
      numbers.forEach((number: unknown, i) => {
        if (typeof number !== 'string' || !PHONE_NUMBER.test(number)) {
          errors.add(`phone_numbers[${i}] ${PHONE_NUMBER_RULE}`);
        }
      });
    }
    if (!errors.empty || !Array.isArray(numbers)) return errorEnvelopeReply(422, errors.messages);
    const contacts = (numbers as string[]).map((input) => {
      const digits = input.replace(/^\+/, '');
      return onWhatsapp(digits) ? { input, status: 'valid', wa_id: digits } : { input, status: 'invalid' };
    });
    return successReply(200, { contacts });
  },
};
