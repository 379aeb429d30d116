import { FieldErrors } from '../../api/field-checks';
import { echoed } from '../../server/echoed-value';
import type { ContactListContents, ListContact } from '../../state/contact-lists';
import { PHONE_NUMBER, PHONE_NUMBER_RULE } from '../broadcasts/direct-broadcast-validation';

/** The most contacts (rows after the header) a spreadsheet may have: 10,000. */
const MAX_CONTACT_LIST_ROWS = 10_000;

/** The most columns a spreadsheet may have. */
const MAX_COLUMNS = 100;

/** The column that holds each contact's phone number (its header, in any case). */
const PHONE_COLUMN = 'phone_number';

/** The column that holds each contact's name. */
const NAME_COLUMN = 'full_name';

/**
 * The rows of a CSV text (RFC 4180: commas, double quotes around a cell that holds a comma, a quote or a
 * line break, `""` for a quote; CRLF or LF), a leading byte order mark and blank lines left out. Stops
 * after `maxRows` rows: `undefined` when there are more.
 */
function csvRows(text: string, maxRows: number): string[][] | undefined {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = (): boolean => {
    row.push(cell);
    cell = '';
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    return rows.length <= maxRows;
  };
  for (; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') cell += char;
      else if (text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else quoted = false;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      if (!endRow()) return undefined;
    } else cell += char;
  }
  if ((cell !== '' || row.length > 0) && !endRow()) return undefined;
  return rows;
}

function failedList(message: string, errors = new FieldErrors(), failedRows = 0): ContactListContents {
  errors.add(message);
  return { contacts: [], variables: [], failedRows, errorMessages: errors.messages, failed: true };
}

/**
 * What processing a contact list's spreadsheet finds: a CSV whose header row has a `phone_number` column
 * (any case; `full_name` names the contact; every column but the phone number's is a variable), then one
 * contact per row. A row without a valid number (digits with an optional leading +, 5 to 15) or with
 * more cells than the header is refused and named in `errorMessages` (`row <n>: ...`, the header being row
 * 1; the first 20, then a count), the others kept. The whole list fails with no `phone_number` column, more
 * than {@link MAX_CONTACT_LIST_ROWS} rows or {@link MAX_COLUMNS} columns, or no row kept.
 */
export function readContactsCsv(bytes: Uint8Array): ContactListContents {
  const rows = csvRows(new TextDecoder('utf-8').decode(bytes), MAX_CONTACT_LIST_ROWS + 1);
  if (rows === undefined) return failedList(`the file has more than ${MAX_CONTACT_LIST_ROWS} contacts`);
  const header = rows[0]?.map((cell) => cell.trim()) ?? [];
  if (header.length > MAX_COLUMNS) return failedList(`the file has more than ${MAX_COLUMNS} columns`);
  const phoneAt = header.findIndex((name) => name.toLowerCase() === PHONE_COLUMN);
  if (phoneAt < 0) return failedList(`the file has no ${PHONE_COLUMN} column`);
  const nameAt = header.findIndex((name) => name.toLowerCase() === NAME_COLUMN);
  const variables = header.filter((_name, i) => i !== phoneAt);

  const errors = new FieldErrors();
  const contacts: ListContact[] = [];
  rows.slice(1).forEach((cells, i) => {
    const where = `row ${i + 2}`;
    const phone = (cells[phoneAt] ?? '').trim();
    if (cells.length > header.length) {
      errors.add(`${where}: has ${cells.length} cells, the header ${header.length}`);
    } else if (phone === '') {
      errors.add(`${where}: ${PHONE_COLUMN} is required`);
    } else if (!PHONE_NUMBER.test(phone)) {
      errors.add(`${where}: ${PHONE_COLUMN} ${echoed(phone)} ${PHONE_NUMBER_RULE}`);
    } else {
      const values = Object.fromEntries(
        header.flatMap((name, at) => (at === phoneAt ? [] : [[name, cells[at] ?? '']])),
      );
      contacts.push({ phone, name: nameAt < 0 ? '' : (cells[nameAt] ?? '').trim(), variables: values });
    }
  });
  if (contacts.length === 0) return failedList('the file has no valid contacts', errors, errors.count);
  return {
    contacts,
    variables,
    failedRows: errors.count,
    errorMessages: errors.messages,
    failed: false,
  };
}
