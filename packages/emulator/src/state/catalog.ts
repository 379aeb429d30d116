/** Header formats of a WhatsApp template; IMAGE, VIDEO and DOCUMENT are media headers. */
export type TemplateHeaderFormat = 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'TEXT';

/** A button of a WhatsApp template. */
export interface EmulatorTemplateButton {
  /** e.g. `'URL'`, `'PHONE_NUMBER'`, `'QUICK_REPLY'`. */
  type: string;
  text: string;
  url?: string;
  phoneNumber?: string;
}

/** A WhatsApp message template the emulator serves and sends (option `templates`). */
export interface EmulatorTemplate {
  id: string;
  name: string;
  /** The text with placeholders `{{1}}`, `{{2}}`, ...; a direct broadcast sends one `parameters.body` entry per placeholder. */
  body: string;
  /** Default `'id'`. */
  language?: string;
  /** Default `'UTILITY'`. */
  category?: string;
  /** Default `'APPROVED'`; only APPROVED templates can be sent. */
  status?: string;
  /** A media header (IMAGE, VIDEO, DOCUMENT) makes `parameters.header` with a `url` param required. Default none. */
  header?: { format: TemplateHeaderFormat; example?: string };
  footer?: string;
  buttons?: EmulatorTemplateButton[];
}

/** A channel integration the emulator serves (option `integrations`). */
export interface EmulatorIntegration {
  id: string;
  /** e.g. `'wa_cloud'` or `'wa'` (WhatsApp; direct broadcasts go only through these), `'ig'`, `'telegram'`. */
  targetChannel: string;
  /** Default `'Demo'`. */
  accountName?: string;
  /** The channel's number, e.g. `'6281100000001'`. Default `''`. */
  phoneNumber?: string;
}

/** A template with its defaults applied and its body placeholders, in order of first appearance. */
export interface CatalogTemplate {
  readonly id: string;
  readonly name: string;
  readonly body: string;
  readonly language: string;
  readonly category: string;
  readonly status: string;
  readonly header: { readonly format: TemplateHeaderFormat; readonly example?: string } | null;
  readonly footer: string | null;
  readonly buttons: readonly EmulatorTemplateButton[];
  /** The placeholder keys of `body`, e.g. `['1', '2']`. */
  readonly placeholders: readonly string[];
}

/** An integration with its defaults applied. */
export interface CatalogIntegration {
  readonly id: string;
  readonly targetChannel: string;
  readonly accountName: string;
  readonly phoneNumber: string;
}

/** The channels a direct WhatsApp broadcast can go through. */
export const WHATSAPP_CHANNELS: readonly string[] = ['wa_cloud', 'wa'];

/** Media header formats: a template with one needs a header `url` param. */
export const MEDIA_HEADER_FORMATS: readonly TemplateHeaderFormat[] = ['IMAGE', 'VIDEO', 'DOCUMENT'];

/** Every header format a template may have. */
export const HEADER_FORMATS: readonly TemplateHeaderFormat[] = [...MEDIA_HEADER_FORMATS, 'TEXT'];

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function placeholdersOf(body: string): string[] {
  const keys: string[] = [];
  for (const match of body.matchAll(/\{\{\s*([0-9]+)\s*\}\}/g)) {
    const key = match[1];
    if (key !== undefined && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

function checkUniqueIds(kind: string, entries: readonly { id: string }[]): void {
  const seen = new Map<string, number>();
  entries.forEach(({ id }, i) => {
    const first = seen.get(id);
    if (first !== undefined) {
      throw new TypeError(`@qontak/emulator: ${kind}[${i}].id duplicates ${kind}[${first}].id`);
    }
    seen.set(id, i);
  });
}

/**
 * Applies the template defaults and checks each entry.
 * @throws {TypeError} for an entry without a non-empty `id` and `name`, a string `body`, a known header
 *   format, buttons with a string `type` and `text`, or for a duplicate id.
 */
export function resolveTemplates(templates: readonly EmulatorTemplate[]): CatalogTemplate[] {
  const resolved = templates.map((t, i): CatalogTemplate => {
    const where = `@qontak/emulator: templates[${i}]`;
    if (!nonEmptyString(t?.id) || !nonEmptyString(t.name) || typeof t.body !== 'string') {
      throw new TypeError(`${where} needs a non-empty string id and name and a string body`);
    }
    if (!optionalString(t.language) || !optionalString(t.category) || !optionalString(t.status)) {
      throw new TypeError(`${where}: language, category and status must be strings`);
    }
    if (!optionalString(t.footer)) throw new TypeError(`${where}: footer must be a string`);
    if (t.header !== undefined && !HEADER_FORMATS.includes(t.header?.format)) {
      throw new TypeError(`${where}: header.format must be one of ${HEADER_FORMATS.join(', ')}`);
    }
    const buttons = (t.buttons ?? []).map((b, j) => {
      if (typeof b?.type !== 'string' || typeof b.text !== 'string') {
        throw new TypeError(`${where}.buttons[${j}] needs a string type and text`);
      }
      return { ...b };
    });
    return {
      id: t.id,
      name: t.name,
      body: t.body,
      language: t.language ?? 'id',
      category: t.category ?? 'UTILITY',
      status: t.status ?? 'APPROVED',
      header: t.header === undefined ? null : { ...t.header },
      footer: t.footer ?? null,
      buttons,
      placeholders: placeholdersOf(t.body),
    };
  });
  checkUniqueIds('templates', resolved);
  return resolved;
}

/**
 * Applies the integration defaults and checks each entry.
 * @throws {TypeError} for an entry without a non-empty `id` and `targetChannel`, or for a duplicate id.
 */
export function resolveIntegrations(integrations: readonly EmulatorIntegration[]): CatalogIntegration[] {
  const resolved = integrations.map((integration, i): CatalogIntegration => {
    if (!nonEmptyString(integration?.id) || !nonEmptyString(integration.targetChannel)) {
      throw new TypeError(
        `@qontak/emulator: integrations[${i}] needs a non-empty string id and targetChannel`,
      );
    }
    if (!optionalString(integration.accountName) || !optionalString(integration.phoneNumber)) {
      throw new TypeError(
        `@qontak/emulator: integrations[${i}]: accountName and phoneNumber must be strings`,
      );
    }
    return {
      id: integration.id,
      targetChannel: integration.targetChannel,
      accountName: integration.accountName ?? 'Demo',
      phoneNumber: integration.phoneNumber ?? '',
    };
  });
  checkUniqueIds('integrations', resolved);
  return resolved;
}

/** The templates and channel integrations of the emulator's one organization; fixed for its lifetime. */
export class Catalog {
  readonly #templates: readonly CatalogTemplate[];
  readonly #integrations: readonly CatalogIntegration[];

  constructor(templates: readonly CatalogTemplate[], integrations: readonly CatalogIntegration[]) {
    this.#templates = templates;
    this.#integrations = integrations;
  }

  template(id: string): CatalogTemplate | undefined {
    return this.#templates.find((t) => t.id === id);
  }

  integration(id: string): CatalogIntegration | undefined {
    return this.#integrations.find((i) => i.id === id);
  }

  templates(): readonly CatalogTemplate[] {
    return this.#templates;
  }

  /** Every integration, or those of one `target_channel`. */
  integrations(targetChannel?: string): readonly CatalogIntegration[] {
    return targetChannel === undefined
      ? this.#integrations
      : this.#integrations.filter((i) => i.targetChannel === targetChannel);
  }
}
