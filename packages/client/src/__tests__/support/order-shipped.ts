import { DEMO_CHANNEL_INTEGRATION_ID, DEMO_TEMPLATE_ID } from '@qontak/emulator';
import type { QontakSchemas } from '../../qontak-paths';

/** The emulator's demo "order shipped" WhatsApp template, sent to one customer: a direct broadcast it accepts. */
export const ORDER_SHIPPED: QontakSchemas['DirectBroadcastRequest'] = {
  to_number: '6281234567890',
  to_name: 'Rina',
  message_template_id: DEMO_TEMPLATE_ID,
  channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
  language: { code: 'id' },
  parameters: {
    body: [
      { key: '1', value: 'customer_name', value_text: 'Rina' },
      { key: '2', value: 'order_number', value_text: 'INV-1001' },
    ],
  },
};
