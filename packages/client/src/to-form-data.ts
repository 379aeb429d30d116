import { formValue } from './form-value';

/**
 * A body serializer for `multipart/form-data` operations (the bot message): each field of `body`
 * becomes a form field, a `Blob` (or `File`) an upload, `undefined` and `null` fields are left out.
 * Pass it as `bodySerializer` (`client.POST('/v1/messages/whatsapp/bot', { body, bodySerializer: toFormData })`).
 * @throws {TypeError} for a field with no faithful form encoding: an object or array other than a
 *   `Blob`, a function (its source code would be sent), a symbol, `NaN` or an infinite number. Nothing
 *   is sent then.
 */
export function toFormData(body: object): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) form.append(name, value);
    else form.append(name, formValue(value, `toFormData: the field ${name}`));
  }
  return form;
}
