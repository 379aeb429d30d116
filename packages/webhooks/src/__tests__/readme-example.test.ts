// The README's first example, as it is printed there (imports from the source), served on loopback.
import { afterEach, expect, it, vi } from 'vitest';
import { createQontakWebhookHandler } from '../index';
import { qontakWebhookUrl } from '../webhook-secret';
import { CUSTOMER_MESSAGE } from './support/payloads';
import { post } from './support/requests';
import { serve } from './support/web-server';

const SECRET = 'rEaDmE-0123456789abcdefghijklmnopqrstuv';
process.env['QONTAK_WEBHOOK_SECRET'] = SECRET;
afterEach(() => {
  vi.restoreAllMocks();
});

// A Next.js route handler (app/qontak/webhook/route.ts); or Bun.serve({ fetch: POST }), Deno.serve(POST),
// Hono: app.post('/qontak/webhook', (c) => POST(c.req.raw)).
export const POST = createQontakWebhookHandler({
  secret: process.env.QONTAK_WEBHOOK_SECRET!, // e.g. node -e "console.log(crypto.randomBytes(32).toString('base64url'))"
  async onEvent(event) {
    if (event.data_event === 'receive_message_from_customer') {
      console.log(`${event.sender?.name} in room ${event.room_id}: ${event.text}`);
    }
  },
});

it('prints the customer message Qontak POSTs to the registered URL', async () => {
  const printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const server = await serve(POST);
  const answer = await post(qontakWebhookUrl(`${server.origin}/qontak/webhook`, SECRET), CUSTOMER_MESSAGE);
  expect(answer.status).toBe(200);
  expect(printed.mock.calls).toEqual([[`Burhanudin in room ${CUSTOMER_MESSAGE.room_id}: helo`]]);
});
