import type { Checked } from '../../api/field-checks';
import { FieldErrors, notPermitted } from '../../api/field-checks';

const FIELDS = ['name', 'source_type', 'file'];

/** The source types a contact list is created from. */
const SOURCE_TYPES = ['spreadsheet'];

/** A contact list form, checked. */
interface ContactListForm {
  name: string;
  sourceType: string;
  file: File;
}

/**
 * Checks a contact list form (`POST /v1/contacts/contact_lists/async`): `name` (not blank), `source_type`
 * (`spreadsheet`) and `file` (an uploaded file, not empty) required; no other fields, none given twice.
 * Every problem is named; what the file holds is read afterwards, in the background.
 */
export function validateContactList(form: FormData): Checked<ContactListForm> {
  const errors = new FieldErrors();
  for (const key of new Set(form.keys())) {
    if (!FIELDS.includes(key)) errors.add(notPermitted(key));
    else if (form.getAll(key).length > 1) errors.add(`${key} must be given once`);
  }
  const name = form.get('name');
  if (name === null || (typeof name === 'string' && name.trim() === '')) errors.add('name is required');
  else if (typeof name !== 'string') errors.add('name must be a text field, not a file');

  const sourceType = form.get('source_type');
  if (sourceType === null || sourceType === '') errors.add('source_type is required');
  else if (typeof sourceType !== 'string' || !SOURCE_TYPES.includes(sourceType)) {
    errors.add(`source_type must be ${SOURCE_TYPES.join(' or ')}`);
  }

  const file = form.get('file');
  if (file === null) errors.add('file is required');
  else if (typeof file === 'string') errors.add('file must be a file upload');
  else if (file.size === 0) errors.add('file must not be empty');

  if (
    !errors.empty ||
    typeof name !== 'string' ||
    typeof sourceType !== 'string' ||
    !(file instanceof File)
  ) {
    return { ok: false, messages: errors.messages };
  }
  return { ok: true, value: { name, sourceType, file } };
}
