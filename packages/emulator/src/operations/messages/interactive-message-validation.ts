import type { Checked } from '../../api/field-checks';
import { checkKnownKeys, FieldErrors, requiredString } from '../../api/field-checks';
import { isJsonObject, NOT_A_JSON_OBJECT, type JsonObject } from '../../server/json';

/** WhatsApp's most reply buttons in one message. */
const MAX_BUTTONS = 3;

/** WhatsApp's most rows in one list message, all sections together. */
const MAX_ROWS = 10;

/** An interactive message, checked. */
interface InteractiveMessageBody {
  roomId: string;
  type: 'button' | 'list';
  /** `interactive` as sent. */
  interactive: JsonObject;
}

/** The entries of array `key` of `object` (`<path> must be an array of 1 to <max> objects` otherwise). */
function objects(
  object: JsonObject,
  key: string,
  path: string,
  max: number,
  errors: FieldErrors,
): JsonObject[] {
  const value = object[key];
  if (!Array.isArray(value) || value.length === 0 || value.length > max || !value.every(isJsonObject)) {
    errors.add(`${path} must be an array of 1 to ${max} objects`);
    return [];
  }
  return value;
}

/** An entry with a non-blank `id` and `title` (a button, a row), and `optional` fields besides. */
function checkChoice(
  entry: JsonObject,
  path: string,
  optional: readonly string[],
  errors: FieldErrors,
): void {
  checkKnownKeys(entry, ['id', 'title', ...optional], `${path}.`, errors);
  requiredString(entry, 'id', `${path}.id`, errors);
  requiredString(entry, 'title', `${path}.title`, errors);
  for (const key of optional) {
    if (entry[key] !== undefined && typeof entry[key] !== 'string')
      errors.add(`${path}.${key} must be a string`);
  }
}

function checkList(interactive: JsonObject, errors: FieldErrors): void {
  const lists = interactive['lists'];
  if (!isJsonObject(lists)) {
    errors.add('interactive.lists is required: an object');
    return;
  }
  requiredString(lists, 'button', 'interactive.lists.button', errors);
  let rows = 0;
  objects(lists, 'sections', 'interactive.lists.sections', MAX_ROWS, errors).forEach((section, i) => {
    const path = `interactive.lists.sections[${i}]`;
    checkKnownKeys(section, ['title', 'rows'], `${path}.`, errors);
    if (section['title'] !== undefined && typeof section['title'] !== 'string') {
      errors.add(`${path}.title must be a string`);
    }
    const entries = objects(section, 'rows', `${path}.rows`, MAX_ROWS, errors);
    rows += entries.length;
    entries.forEach((row, j) => checkChoice(row, `${path}.rows[${j}]`, ['description'], errors));
  });
  if (rows > MAX_ROWS) errors.add(`interactive.lists has ${rows} rows; WhatsApp takes at most ${MAX_ROWS}`);
}

/**
 * Checks an interactive bot message: `room_id`; `type` button or list; `interactive.body` (non-blank);
 * for buttons `interactive.buttons`, 1 to 3 `{ id, title }`; for a list `interactive.lists` with its
 * `button` label and `sections` (`{ title?, rows }`, rows `{ id, title, description? }`, at most 10 rows
 * in all). `interactive` and `interactive.lists` may hold other fields (the evidence does not list them
 * all); the body, a button, a section and a row may not. Every problem is named.
 */
export function validateInteractiveMessage(body: unknown): Checked<InteractiveMessageBody> {
  if (!isJsonObject(body)) return { ok: false, messages: [NOT_A_JSON_OBJECT] };
  const errors = new FieldErrors();
  checkKnownKeys(body, ['room_id', 'type', 'interactive'], '', errors);
  const roomId = requiredString(body, 'room_id', 'room_id', errors);
  const type = body['type'];
  if (type !== 'button' && type !== 'list') errors.add('type must be one of button, list');
  const interactive = body['interactive'];
  if (!isJsonObject(interactive)) {
    errors.add('interactive is required: an object');
  } else {
    requiredString(interactive, 'body', 'interactive.body', errors);
    if (type === 'button') {
      objects(interactive, 'buttons', 'interactive.buttons', MAX_BUTTONS, errors).forEach((button, i) =>
        checkChoice(button, `interactive.buttons[${i}]`, [], errors),
      );
    } else if (type === 'list') {
      checkList(interactive, errors);
    }
  }
  if (
    !errors.empty ||
    roomId === undefined ||
    (type !== 'button' && type !== 'list') ||
    !isJsonObject(interactive)
  ) {
    return { ok: false, messages: errors.messages };
  }
  return { ok: true, value: { roomId, type, interactive } };
}
