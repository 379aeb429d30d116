import { DEMO_CHANNEL_INTEGRATION_ID, DEMO_TEMPLATE_ID } from '@qontak/emulator';

/** One WhatsApp template message the demo sends: to whom, which template, through which channel. */
export interface TemplateMessage {
  /** The recipient's number, digits with an optional leading `+`. */
  readonly to: string;
  /** The recipient's name. */
  readonly toName: string;
  /** The template's id (`GET /v1/templates/whatsapp`). */
  readonly templateId: string;
  /** The channel integration's id (`GET /v1/integrations?target_channel=wa_cloud`). */
  readonly channelId: string;
  /** The template's language code. */
  readonly language: string;
  /** The values of the template's body placeholders `{{1}}`, `{{2}}`, ... in order. */
  readonly params: readonly string[];
}

/** What the demo sends on the embedded emulator: the seeded `order_shipped` template to a demo number. */
export const EMULATOR_MESSAGE: TemplateMessage = {
  to: '6281234567890',
  toName: 'Rina',
  templateId: DEMO_TEMPLATE_ID,
  channelId: DEMO_CHANNEL_INTEGRATION_ID,
  language: 'id',
  params: ['Rina', 'INV-1001'],
};
