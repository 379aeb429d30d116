import type { Catalog, CatalogIntegration, CatalogTemplate, TemplateHeaderFormat } from '../../state/catalog';
import { HEADER_FORMATS, MEDIA_HEADER_FORMATS, WHATSAPP_CHANNELS } from '../../state/catalog';
import type { Checked } from '../../api/field-checks';
import {
  checkKnownKeys,
  FieldErrors,
  isHttpUrl,
  presentString,
  requiredString,
} from '../../api/field-checks';
import type { JsonObject } from '../../server/json';
import { isJsonObject, NOT_A_JSON_OBJECT } from '../../server/json';
import type { DirectBroadcastRequest } from '../../state/sent-records';

/** A direct broadcast body the API accepts, with the template and the integration it names. */
interface DirectBroadcast {
  request: DirectBroadcastRequest;
  template: CatalogTemplate;
  integration: CatalogIntegration;
}

export type Parameters = NonNullable<DirectBroadcastRequest['parameters']>;
type Header = NonNullable<Parameters['header']>;
type BodyEntry = NonNullable<Parameters['body']>[number];
type ButtonEntry = NonNullable<Parameters['buttons']>[number];

const TOP_LEVEL = [
  'to_number',
  'to_name',
  'message_template_id',
  'channel_integration_id',
  'language',
  'parameters',
];
/** A customer's phone number as the API takes it: digits with an optional leading +, 5 to 15 digits. */
export const PHONE_NUMBER = /^\+?[0-9]{5,15}$/;

/** What a field that is no {@link PHONE_NUMBER} is told. */
export const PHONE_NUMBER_RULE = 'must be digits with an optional leading + (5 to 15 digits)';
const DIGITS = /^[0-9]+$/;

/** Each entry of an array field, checked as an object with `check`; `undefined` when any is bad. */
function arrayOf<T>(
  value: unknown,
  path: string,
  errors: FieldErrors,
  check: (entry: JsonObject, path: string) => T | undefined,
): T[] | undefined {
  if (!Array.isArray(value)) {
    errors.add(`${path} must be an array`);
    return undefined;
  }
  const entries: T[] = [];
  let bad = false;
  value.forEach((entry: unknown, i) => {
    const where = `${path}[${i}]`;
    if (!isJsonObject(entry)) {
      errors.add(`${where} must be an object`);
      bad = true;
      return;
    }
    const checked = check(entry, where);
    if (checked === undefined) bad = true;
    else entries.push(checked);
  });
  return bad ? undefined : entries;
}

function digitsString(
  object: JsonObject,
  key: string,
  path: string,
  errors: FieldErrors,
): string | undefined {
  const value = requiredString(object, key, path, errors);
  if (value !== undefined && !DIGITS.test(value)) {
    errors.add(`${path} must be a string of digits`);
    return undefined;
  }
  return value;
}

function readHeader(value: unknown, errors: FieldErrors): Header | undefined {
  const path = 'parameters.header';
  if (!isJsonObject(value)) {
    errors.add(`${path} must be an object`);
    return undefined;
  }
  checkKnownKeys(value, ['format', 'params'], `${path}.`, errors);
  const before = errors.count;
  const format = requiredString(value, 'format', `${path}.format`, errors);
  if (format !== undefined && !HEADER_FORMATS.includes(format as TemplateHeaderFormat)) {
    errors.add(`${path}.format must be one of ${HEADER_FORMATS.join(', ')}`);
  }
  if (value['params'] === undefined) {
    errors.add(`${path}.params is required`);
    return undefined;
  }
  const params = arrayOf(value['params'], `${path}.params`, errors, (entry, where) => {
    checkKnownKeys(entry, ['key', 'value', 'filename'], `${where}.`, errors);
    const key = requiredString(entry, 'key', `${where}.key`, errors);
    const paramValue = presentString(entry, 'value', `${where}.value`, errors);
    const filename = entry['filename'];
    if (filename !== undefined && typeof filename !== 'string') {
      errors.add(`${where}.filename must be a string`);
      return undefined;
    }
    if (key === undefined || paramValue === undefined) return undefined;
    return filename === undefined ? { key, value: paramValue } : { key, value: paramValue, filename };
  });
  if (errors.count > before || params === undefined) return undefined;
  return { format: format as TemplateHeaderFormat, params };
}

function readBody(value: unknown, errors: FieldErrors): BodyEntry[] | undefined {
  return arrayOf(value, 'parameters.body', errors, (entry, where) => {
    checkKnownKeys(entry, ['key', 'value', 'value_text'], `${where}.`, errors);
    const key = digitsString(entry, 'key', `${where}.key`, errors);
    const entryValue = presentString(entry, 'value', `${where}.value`, errors);
    const text = requiredString(entry, 'value_text', `${where}.value_text`, errors);
    if (key === undefined || entryValue === undefined || text === undefined) return undefined;
    return { key, value: entryValue, value_text: text };
  });
}

function readButtons(value: unknown, errors: FieldErrors): ButtonEntry[] | undefined {
  return arrayOf(value, 'parameters.buttons', errors, (entry, where) => {
    checkKnownKeys(entry, ['index', 'type', 'value'], `${where}.`, errors);
    const index = digitsString(entry, 'index', `${where}.index`, errors);
    const type = requiredString(entry, 'type', `${where}.type`, errors);
    const buttonValue = presentString(entry, 'value', `${where}.value`, errors);
    if (index === undefined || type === undefined || buttonValue === undefined) return undefined;
    return { index, type, value: buttonValue };
  });
}

/** The parameters, shape-checked; `undefined` when absent or bad (bad ones are named in `errors`). */
function readParameters(value: unknown, errors: FieldErrors): { parameters?: Parameters; bad: boolean } {
  if (value === undefined) return { bad: false };
  if (!isJsonObject(value)) {
    errors.add('parameters must be an object');
    return { bad: true };
  }
  const before = errors.count;
  checkKnownKeys(value, ['header', 'body', 'buttons'], 'parameters.', errors);
  const parameters: Parameters = {};
  if (value['header'] !== undefined) {
    const header = readHeader(value['header'], errors);
    if (header) parameters.header = header;
  }
  if (value['body'] !== undefined) {
    const body = readBody(value['body'], errors);
    if (body) parameters.body = body;
  }
  if (value['buttons'] !== undefined) {
    const buttons = readButtons(value['buttons'], errors);
    if (buttons) parameters.buttons = buttons;
  }
  return { parameters, bad: errors.count > before };
}

/** The rules that join the parameters to the template: body placeholders, media header, button indexes. */
function checkAgainstTemplate(parameters: Parameters, template: CatalogTemplate, errors: FieldErrors): void {
  const name = template.name;
  const body = parameters.body ?? [];
  const expected = template.placeholders;
  if (body.length !== expected.length) {
    errors.add(
      `parameters.body must have ${expected.length} ${expected.length === 1 ? 'entry' : 'entries'} ` +
        `for the placeholders of template ${name}, got ${body.length}`,
    );
  } else {
    const seen = new Set<string>();
    body.forEach((entry, i) => {
      if (!expected.includes(entry.key) || seen.has(entry.key)) {
        errors.add(`parameters.body[${i}].key must be one of ${expected.join(', ')}, each once`);
      }
      seen.add(entry.key);
    });
  }

  const header = parameters.header;
  const templateHeader = template.header;
  if (templateHeader === null) {
    if (header !== undefined) errors.add(`parameters.header is not allowed: template ${name} has no header`);
  } else if (MEDIA_HEADER_FORMATS.includes(templateHeader.format)) {
    const format = templateHeader.format;
    if (header === undefined) {
      errors.add(`parameters.header is required: template ${name} has a ${format} header`);
    } else {
      if (header.format !== format)
        errors.add(`parameters.header.format must be ${format} for template ${name}`);
      const url = header.params.find((p) => p.key === 'url');
      if (url === undefined || url.value.trim() === '') {
        errors.add(
          `parameters.header.params must include a url for the ${format} header of template ${name}`,
        );
      } else if (!isHttpUrl(url.value)) {
        errors.add('parameters.header.params url must be an http or https URL');
      }
    }
  }

  (parameters.buttons ?? []).forEach((button, i) => {
    if (Number(button.index) >= template.buttons.length) {
      errors.add(
        template.buttons.length === 0
          ? `parameters.buttons[${i}].index must refer to a button, and template ${name} has none`
          : `parameters.buttons[${i}].index must be from 0 to ${template.buttons.length - 1} for template ${name}`,
      );
    }
  });
}

/** What every broadcast names: an APPROVED template, a WhatsApp integration, a language, the parameters. */
export interface TemplateMessage {
  message_template_id: string;
  channel_integration_id: string;
  language: { code: string };
  parameters?: Parameters;
  template: CatalogTemplate;
  integration: CatalogIntegration;
}

/**
 * `channel_integration_id`: required, a known integration on WhatsApp (`wa_cloud` or `wa`); each problem
 * named in `errors`.
 */
export function readWhatsappIntegration(
  body: JsonObject,
  catalog: Catalog,
  errors: FieldErrors,
): CatalogIntegration | undefined {
  const integrationId = requiredString(body, 'channel_integration_id', 'channel_integration_id', errors);
  const integration = integrationId === undefined ? undefined : catalog.integration(integrationId);
  if (integrationId !== undefined && integration === undefined) {
    errors.add('channel_integration_id does not match any channel integration');
  } else if (integration !== undefined && !WHATSAPP_CHANNELS.includes(integration.targetChannel)) {
    errors.add(
      `channel_integration_id is a ${integration.targetChannel} integration, not WhatsApp (${WHATSAPP_CHANNELS.join(' or ')})`,
    );
    return undefined;
  }
  return integration;
}

/**
 * The fields a direct broadcast and a broadcast to a contact list share: `message_template_id` (a known,
 * APPROVED template), `channel_integration_id` (see {@link readWhatsappIntegration}), `language.code`, and
 * `parameters` matching the template. Each problem is named in `errors`, in field order; `undefined` when
 * any field is bad.
 */
export function readTemplateMessage(
  body: JsonObject,
  catalog: Catalog,
  errors: FieldErrors,
): TemplateMessage | undefined {
  const before = errors.count;
  const templateId = requiredString(body, 'message_template_id', 'message_template_id', errors);
  const template = templateId === undefined ? undefined : catalog.template(templateId);
  if (templateId !== undefined && template === undefined) {
    errors.add('message_template_id does not match any template');
  } else if (template !== undefined && template.status !== 'APPROVED') {
    errors.add(
      `message_template_id refers to template ${template.name}, which is ${template.status}, not APPROVED`,
    );
  }

  const integration = readWhatsappIntegration(body, catalog, errors);

  let code: string | undefined;
  const language = body['language'];
  if (language === undefined || language === null) {
    errors.add('language.code is required');
  } else if (!isJsonObject(language)) {
    errors.add('language must be an object with a code');
  } else {
    checkKnownKeys(language, ['code'], 'language.', errors);
    code = requiredString(language, 'code', 'language.code', errors);
  }

  const { parameters, bad } = readParameters(body['parameters'], errors);
  if (!bad && template !== undefined) checkAgainstTemplate(parameters ?? {}, template, errors);

  if (errors.count > before || code === undefined || template === undefined || integration === undefined) {
    return undefined;
  }
  const message: TemplateMessage = {
    message_template_id: template.id,
    channel_integration_id: integration.id,
    language: { code },
    template,
    integration,
  };
  if (parameters !== undefined) message.parameters = parameters;
  return message;
}

/**
 * Checks a direct broadcast body the way the API does: a JSON object with exactly the documented fields,
 * `to_number` and `to_name` present, and the fields of {@link readTemplateMessage}. Every problem is named,
 * in field order.
 */
export function validateDirectBroadcast(body: unknown, catalog: Catalog): Checked<DirectBroadcast> {
  if (!isJsonObject(body)) return { ok: false, messages: [NOT_A_JSON_OBJECT] };
  const errors = new FieldErrors();
  checkKnownKeys(body, TOP_LEVEL, '', errors);

  const toNumber = requiredString(body, 'to_number', 'to_number', errors);
  if (toNumber !== undefined && !PHONE_NUMBER.test(toNumber)) {
    errors.add(`to_number ${PHONE_NUMBER_RULE}`);
  }
  const toName = requiredString(body, 'to_name', 'to_name', errors);
  const message = readTemplateMessage(body, catalog, errors);

  if (!errors.empty || toNumber === undefined || toName === undefined || message === undefined) {
    return { ok: false, messages: errors.messages };
  }
  const { template, integration, ...fields } = message;
  const request: DirectBroadcastRequest = { to_number: toNumber, to_name: toName, ...fields };
  return { ok: true, value: { request, template, integration } };
}
