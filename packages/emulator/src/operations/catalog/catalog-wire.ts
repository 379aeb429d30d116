import type { CatalogIntegration, CatalogTemplate } from '../../state/catalog';
import { DEMO_ORGANIZATION_ID } from '../../state/seed-catalog';

/** `created_at` of every catalog entry. */
const CATALOG_CREATED_AT = '2025-01-06T03:00:00.000Z';

/** A template as Qontak renders it (`GET /v1/templates/whatsapp`, a broadcast's `message_template`). */
export function templateWire(template: CatalogTemplate): Record<string, unknown> {
  return {
    id: template.id,
    organization_id: DEMO_ORGANIZATION_ID,
    name: template.name,
    language: template.language,
    header: template.header === null ? null : { ...template.header },
    body: template.body,
    footer: template.footer,
    buttons: template.buttons.map(({ phoneNumber, ...rest }) =>
      phoneNumber === undefined ? { ...rest } : { ...rest, phone_number: phoneNumber },
    ),
    status: template.status,
    category: template.category,
  };
}

/** An integration as Qontak renders it (`GET /v1/integrations`). */
export function integrationWire(integration: CatalogIntegration): Record<string, unknown> {
  return {
    id: integration.id,
    target_channel: integration.targetChannel,
    webhook: integration.id.replaceAll('-', '').slice(0, 22),
    settings: { account_name: integration.accountName, server_wa_id: integration.phoneNumber },
    organization_id: DEMO_ORGANIZATION_ID,
    is_active: true,
    created_at: CATALOG_CREATED_AT,
  };
}
