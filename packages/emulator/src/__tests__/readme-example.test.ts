// The README's "Asserting what your code sent" example, as it is printed there (imports from the source).
import { expect, it } from 'vitest';
import { startEmulator, DEMO_ACCESS_TOKEN, DEMO_CHANNEL_INTEGRATION_ID, DEMO_TEMPLATE_ID } from '../index';

// Your code: sends the "order shipped" WhatsApp template.
async function notifyShipped(
  baseUrl: string,
  token: string,
  order: { phone: string; name: string; id: string },
) {
  const res = await fetch(`${baseUrl}/api/open/v1/broadcasts/whatsapp/direct`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      to_number: order.phone,
      to_name: order.name,
      message_template_id: DEMO_TEMPLATE_ID,
      channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
      language: { code: 'en' },
      parameters: {
        body: [
          { key: '1', value: 'customer_name', value_text: order.name },
          { key: '2', value: 'order_number', value_text: order.id },
        ],
      },
    }),
  });
  if (res.status !== 201) throw new Error(`Qontak answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { data: { id: string } }).data.id;
}

it('sends the order_shipped template to the customer', async () => {
  const emulator = await startEmulator();
  const broadcastId = await notifyShipped(emulator.url, DEMO_ACCESS_TOKEN, {
    phone: '6281234567890',
    name: 'Rina',
    id: 'INV-1001',
  });
  expect(emulator.sent()).toEqual([
    expect.objectContaining({
      id: broadcastId,
      credential: 'access-token',
      to_number: '6281234567890',
      message_template_id: DEMO_TEMPLATE_ID,
      parameters: {
        body: [
          { key: '1', value: 'customer_name', value_text: 'Rina' },
          { key: '2', value: 'order_number', value_text: 'INV-1001' },
        ],
      },
    }),
  ]);
  expect(emulator.stats().broadcasts).toEqual({ accepted: 1, rejected: 0 });
  await emulator.close();
});
