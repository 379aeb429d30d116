import { Body, Controller, Injectable, Post } from '@nestjs/common';
import { QontakAccessTokenAuth, RequestAuthorizer } from '@qontak/auth-core';
import { QontakClient } from '@qontak/client';
import { DEMO_ACCESS_TOKEN, DEMO_CHANNEL_INTEGRATION_ID, DEMO_TEMPLATE_ID } from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { QontakAuthModule } from '../qontak-auth.module';
import { emulator, SCHEMES, SECRETS, startApp } from './support/nest-fixture';

/** What the test app's route is asked to send: one "order shipped" message. */
interface ShippedNotice {
  phone: string;
  name: string;
  order: string;
}

/**
 * Sends the emulator's `order_shipped` WhatsApp template through the injected client, injected by its
 * class alone (the constructor's parameter type, as users write it).
 */
@Injectable()
class ShippingNotifier {
  constructor(readonly qontak: QontakClient) {}

  async notify(notice: ShippedNotice) {
    return this.qontak.POST('/v1/broadcasts/whatsapp/direct', {
      body: {
        to_number: notice.phone,
        to_name: notice.name,
        message_template_id: DEMO_TEMPLATE_ID,
        channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
        language: { code: 'en' },
        parameters: {
          body: [
            { key: '1', value: 'customer_name', value_text: notice.name },
            { key: '2', value: 'order_number', value_text: notice.order },
          ],
        },
      },
    });
  }
}

/** `POST /orders/shipped`: 201 `{ broadcastId }`, or Qontak's status and error envelope. */
@Controller('orders')
class OrdersController {
  constructor(
    readonly notifier: ShippingNotifier,
    readonly qontak: QontakClient,
  ) {}

  @Post('shipped')
  async shipped(@Body() notice: ShippedNotice) {
    const { data, error, response } = await this.notifier.notify(notice);
    if (data) return { broadcastId: data.data.id };
    return { status: response.status, error };
  }
}

/** POSTs `notice` to the test app's route; the status and the parsed answer. */
async function postShipped(url: string, notice: ShippedNotice): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/orders/shipped`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(notice),
  });
  return { status: response.status, body: await response.json() };
}

const NOTICES: readonly ShippedNotice[] = [
  { phone: '6281234567890', name: 'Rina', order: 'INV-1001' },
  { phone: '6281234567891', name: 'Budi', order: 'INV-1002' },
  { phone: '6281234567892', name: 'Sari', order: 'INV-1003' },
];

describe('QontakClient from QontakAuthModule', () => {
  it.each(SCHEMES)(
    'is injected by its class and sends a WhatsApp template under the $name scheme',
    async (scheme) => {
      const server = await emulator();
      const { url } = await startApp({
        imports: [QontakAuthModule.forRoot(scheme.options(server.url))],
        controllers: [OrdersController],
        providers: [ShippingNotifier],
      });

      const answers = await Promise.all(NOTICES.map((notice) => postShipped(url, notice)));

      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
      const sent = server.sent();
      expect(sent).toHaveLength(3);
      expect(answers.map((answer) => answer.body)).toEqual(
        NOTICES.map((notice) => ({
          broadcastId: sent.find((each) => each.to_number === notice.phone)?.id,
        })),
      );
      expect(sent.find((each) => each.to_number === NOTICES[0]?.phone)).toEqual({
        id: expect.any(String),
        credential: scheme.credential,
        to_number: '6281234567890',
        to_name: 'Rina',
        message_template_id: DEMO_TEMPLATE_ID,
        channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
        language: { code: 'en' },
        parameters: {
          body: [
            { key: '1', value: 'customer_name', value_text: 'Rina' },
            { key: '2', value: 'order_number', value_text: 'INV-1001' },
          ],
        },
      });
      expect(server.stats().broadcasts).toEqual({ accepted: 3, rejected: 0 });
      expect(server.stats().grants.total).toBe(scheme.grants);
    },
  );

  it("resolves Qontak's 422 with its error envelope, naming the bad field and no secret", async () => {
    const server = await emulator();
    const { url } = await startApp({
      imports: [QontakAuthModule.forRoot(SCHEMES[0]!.options(server.url))],
      controllers: [OrdersController],
      providers: [ShippingNotifier],
    });

    const answer = await postShipped(url, { phone: 'not-a-number', name: 'Rina', order: 'INV-1001' });

    expect(answer).toEqual({
      status: 201,
      body: {
        status: 422,
        error: {
          status: 'error',
          error: {
            code: 422,
            messages: ['to_number must be digits with an optional leading + (5 to 15 digits)'],
          },
        },
      },
    });
    for (const secret of SECRETS) expect(JSON.stringify(answer)).not.toContain(secret);
    expect(server.sent()).toEqual([]);
  });

  it('is one client for the module, on the same authorizer RequestAuthorizer injects', async () => {
    const server = await emulator();
    const { app } = await startApp({
      imports: [QontakAuthModule.forRoot(SCHEMES[0]!.options(server.url))],
      controllers: [OrdersController],
      providers: [ShippingNotifier],
    });

    const client = app.get(QontakClient);
    expect(app.get(OrdersController).qontak).toBe(client);
    expect(app.get(ShippingNotifier).qontak).toBe(client);

    await app.get(RequestAuthorizer).ready();
    const { response } = await client.GET('/v1/health');

    expect(response.status).toBe(200);
    expect(server.stats().grants.password).toEqual({ ok: 1, failed: 0 });
  });

  describe('with { authorizer } from forRootAsync', () => {
    let given: RequestAuthorizer | undefined;

    afterEach(async () => {
      await given?.close();
      given = undefined;
    });

    it('sends with that authorizer', async () => {
      const server = await emulator();
      given = new QontakAccessTokenAuth({ baseUrl: server.url, accessToken: DEMO_ACCESS_TOKEN });
      const authorizer = given;
      const { url } = await startApp({
        imports: [QontakAuthModule.forRootAsync({ useFactory: () => ({ authorizer }) })],
        controllers: [OrdersController],
        providers: [ShippingNotifier],
      });

      const answer = await postShipped(url, NOTICES[1]!);

      expect(answer.status).toBe(201);
      expect(server.sent()).toEqual([
        expect.objectContaining({ credential: 'access-token', to_number: NOTICES[1]!.phone }),
      ]);
    });
  });
});
