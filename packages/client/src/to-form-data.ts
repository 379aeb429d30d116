/**
 * A body serializer for `multipart/form-data` operations (the bot message): each field of `body`
 * becomes a form field, a `Blob` (or `File`) an upload, `undefined` and `null` fields are left out.
 * Pass it as `bodySerializer` (`client.POST('/v1/messages/whatsapp/bot', { body, bodySerializer: toFormData })`).
 * @throws {TypeError} for a field that is an object other than a `Blob`.
 */
export function toFormData(body: object): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) form.append(name, value);
    else if (typeof value === 'object')
      throw new TypeError(`toFormData: ${name} is an object; a form field is a string or a Blob.`);
    else form.append(name, String(value));
  }
  return form;
}
