import { QontakApiError, QontakApiErrorCode } from './qontak-api-error';
import type { QontakSchemas } from './qontak-paths';

/** What {@link templateParameters} reads of a template (as `GET /v1/templates/whatsapp` or `GET /v1/templates/{id}/whatsapp` answers it). */
export type QontakTemplateShape = Pick<QontakSchemas['Template'], 'name' | 'body' | 'header' | 'buttons'>;

/** The value of a template's header: the file of a media header (IMAGE, VIDEO, DOCUMENT), or the text of a TEXT header. */
export type QontakTemplateHeaderValue = { url: string; filename?: string | undefined } | { text: string };

/** The values of one template message, for {@link templateParameters}. */
export interface QontakTemplateValues {
  /**
   * The texts of the body's placeholders: in order (`['Rina', 'INV-1']` for `{{1}}` and `{{2}}`), or by
   * placeholder number (`{ 1: 'Rina', 2: 'INV-1' }`). One non-empty text for each placeholder, no more.
   * Default none (for a template without placeholders).
   */
  body?: readonly string[] | Readonly<Record<string, string>> | undefined;
  /** The header's value; required for a media header, refused when the template has no header. Default none. */
  header?: QontakTemplateHeaderValue | undefined;
  /**
   * The values of the template's buttons by position (`['track/INV-1']` for the first, `[undefined, 'x']`
   * for the second): the suffix of a URL button's URL. Default none.
   */
  buttons?: readonly (string | undefined)[] | undefined;
}

/** The `parameters` of a template message, as `templateParameters` builds them (Qontak's `DirectBroadcastParameters`). */
export type QontakTemplateParameters = QontakSchemas['DirectBroadcastParameters'];

/** The header formats whose value is a file given by its URL. */
const MEDIA_FORMATS: ReadonlySet<string> = new Set(['IMAGE', 'VIDEO', 'DOCUMENT']);
/** The header formats a message can carry. */
type HeaderFormat = QontakSchemas['HeaderParameters']['format'];

/** The body placeholders of `text` (`{{1}}`, `{{ 2 }}`), each once, by number. */
function placeholdersOf(text: string | undefined): string[] {
  const keys = new Set<string>();
  for (const match of (text ?? '').matchAll(/\{\{\s*([0-9]+)\s*\}\}/g)) keys.add(String(Number(match[1])));
  return [...keys].sort((a, b) => Number(a) - Number(b));
}

/** Whether `value` is a string with something else than spaces in it. */
function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Whether `value` is an absolute http or https URL. */
function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Builds the `parameters` of a template message (a direct broadcast, a broadcast to a contact list) from
 * `template` (as Qontak lists it) and `values`, checking them against the template before anything is
 * sent: one text per body placeholder (`key` and `value` its number, `value_text` the text), the header
 * the template has (a media header's `url` param, http or https, and its `filename`; a TEXT header's
 * text as param `1`), and button values only for buttons the template has (`index` its position, `type`
 * the button's type in lower case). Parts the template has no values for are left out.
 * @throws {QontakApiError} `template_mismatch`, naming the template and the placeholder, header or button
 *   that is wrong (never the values): a missing, empty or extra placeholder value, a header the template
 *   has not or of another kind, a media header without an http(s) URL, a value for a button it has not.
 */
export function templateParameters(
  template: QontakTemplateShape,
  values: QontakTemplateValues = {},
): QontakTemplateParameters {
  const mismatch = (problem: string) =>
    new QontakApiError(QontakApiErrorCode.TemplateMismatch, `Template ${template.name}: ${problem}.`);
  const parameters: QontakTemplateParameters = {};

  const placeholders = placeholdersOf(template.body);
  const listed = placeholders.map((key) => `{{${key}}}`).join(', ') || 'none';
  const given = values.body ?? [];
  const byKey = new Map<string, unknown>(
    Array.isArray(given) ? given.map((text, i) => [String(i + 1), text]) : Object.entries(given),
  );
  if (Array.isArray(given) && given.length !== placeholders.length) {
    throw mismatch(
      `its body has ${placeholders.length} placeholders (${listed}), got ${given.length} values`,
    );
  }
  for (const key of byKey.keys()) {
    if (!placeholders.includes(key))
      throw mismatch(`{{${key}}} is not a placeholder of its body (${listed})`);
  }
  for (const key of placeholders) {
    if (!byKey.has(key)) throw mismatch(`placeholder {{${key}}} has no value`);
    if (!isText(byKey.get(key)))
      throw mismatch(`the value of placeholder {{${key}}} must be a non-empty string`);
  }
  if (placeholders.length > 0) {
    parameters.body = placeholders.map((key) => ({ key, value: key, value_text: byKey.get(key) as string }));
  }

  const format = template.header?.format.toUpperCase();
  const header = values.header;
  if (format === undefined) {
    if (header !== undefined) throw mismatch('it has no header, so a header value is not allowed');
  } else if (MEDIA_FORMATS.has(format)) {
    if (header === undefined || !('url' in header)) throw mismatch(`its ${format} header needs a url`);
    if (!isText(header.url) || !isHttpUrl(header.url)) {
      throw mismatch(`the url of its ${format} header must be an http or https URL`);
    }
    const params = [{ key: 'url', value: header.url }];
    if (header.filename !== undefined) {
      if (!isText(header.filename))
        throw mismatch(`the filename of its ${format} header must be a non-empty string`);
      params.push({ key: 'filename', value: header.filename });
    }
    parameters.header = { format: format as HeaderFormat, params };
  } else if (header !== undefined) {
    if (!('text' in header)) throw mismatch(`its ${format} header takes a text, not a url`);
    if (!isText(header.text)) throw mismatch(`the text of its ${format} header must be a non-empty string`);
    parameters.header = { format: format as HeaderFormat, params: [{ key: '1', value: header.text }] };
  }

  const buttons = template.buttons ?? [];
  const buttonValues = values.buttons ?? [];
  const entries: NonNullable<QontakTemplateParameters['buttons']> = [];
  buttonValues.forEach((value, index) => {
    if (value === undefined) return;
    const button = buttons[index];
    if (button === undefined) {
      throw mismatch(`it has ${buttons.length} buttons, so button ${index} (from 0) has no place`);
    }
    if (!isText(value)) throw mismatch(`the value of button ${index} must be a non-empty string`);
    entries.push({ index: String(index), type: button.type.toLowerCase(), value });
  });
  if (entries.length > 0) parameters.buttons = entries;
  return parameters;
}
