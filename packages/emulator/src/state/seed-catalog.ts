import type { EmulatorIntegration, EmulatorTemplate } from './catalog';

/** `organization_id` of everything the emulator serves. */
export const DEMO_ORGANIZATION_ID = '71dd337c-4ab0-425a-9731-8289c009a64e';

/** Seeded template `order_shipped`: body `Hi {{1}}, your order {{2}} has shipped.`, no header, no buttons. */
export const DEMO_TEMPLATE_ID = 'ab6a565a-25d2-4145-9e6d-5f1ebe61d358';

/**
 * Seeded template `weekly_promo`: an IMAGE header (send `parameters.header` with a `url` param), body
 * `Hi {{1}}, {{2}} is on sale this week.`, a footer and one URL button (index `"0"`).
 */
export const DEMO_IMAGE_TEMPLATE_ID = 'f59908a9-bf98-4bda-a9a7-ede7dd7721b2';

/** Seeded template `thank_you`: body `Thank you for contacting us.`, no placeholders. */
export const DEMO_PLAIN_TEMPLATE_ID = 'ee14dc38-fe1c-4476-84b5-37dc52eee385';

/** Seeded channel integration on `wa_cloud` (WhatsApp Cloud API), account "Demo Store", number 6281100000001. */
export const DEMO_CHANNEL_INTEGRATION_ID = 'ce1e9ecf-9d4b-42a9-a364-45d05a6c59e8';

/** Seeded channel integration on `wa_cloud`, account "Demo Support", number 6281100000002. */
export const DEMO_SUPPORT_CHANNEL_INTEGRATION_ID = '1e4307f3-8237-4686-b3de-9aac6861a8d6';

/** Seeded channel integration on `wa` (WhatsApp Business API server), account "Demo Store (on-premises)", number 6281100000003. */
export const DEMO_WA_CHANNEL_INTEGRATION_ID = '57028503-57f0-49bb-b506-666cafe261aa';

/** The templates the emulator starts with (option `templates` replaces them). */
export const SEED_TEMPLATES: readonly EmulatorTemplate[] = [
  {
    id: DEMO_TEMPLATE_ID,
    name: 'order_shipped',
    language: 'en',
    category: 'UTILITY',
    body: 'Hi {{1}}, your order {{2}} has shipped.',
  },
  {
    id: DEMO_IMAGE_TEMPLATE_ID,
    name: 'weekly_promo',
    language: 'en',
    category: 'MARKETING',
    header: { format: 'IMAGE', example: 'https://cdn.example.com/promo.jpg' },
    body: 'Hi {{1}}, {{2}} is on sale this week.',
    footer: 'Reply STOP to opt out',
    buttons: [{ type: 'URL', text: 'Shop now', url: 'https://shop.example.com/{{1}}' }],
  },
  {
    id: DEMO_PLAIN_TEMPLATE_ID,
    name: 'thank_you',
    language: 'en',
    category: 'UTILITY',
    body: 'Thank you for contacting us.',
  },
];

/** The channel integrations the emulator starts with (option `integrations` replaces them). */
export const SEED_INTEGRATIONS: readonly EmulatorIntegration[] = [
  {
    id: DEMO_CHANNEL_INTEGRATION_ID,
    targetChannel: 'wa_cloud',
    accountName: 'Demo Store',
    phoneNumber: '6281100000001',
  },
  {
    id: DEMO_SUPPORT_CHANNEL_INTEGRATION_ID,
    targetChannel: 'wa_cloud',
    accountName: 'Demo Support',
    phoneNumber: '6281100000002',
  },
  {
    id: DEMO_WA_CHANNEL_INTEGRATION_ID,
    targetChannel: 'wa',
    accountName: 'Demo Store (on-premises)',
    phoneNumber: '6281100000003',
  },
];
