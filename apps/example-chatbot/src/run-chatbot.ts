import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QontakAuth } from '@qontak/auth-core';
import { createQontakClient, toFormData } from '@qontak/client';
import { DEMO_PASSWORD, DEMO_USERNAME, startEmulator } from '@qontak/emulator';
import {
  createQontakWebhookHandler,
  qontakWebhookUrl,
  registerQontakWebhooks,
  type QontakWebhookEvent,
} from '@qontak/webhooks';
import { handleNodeRequest } from '@qontak/webhooks/node';
import { replyTo } from './reply-to';

/** The customer whose message starts the exchange. */
export interface Customer {
  /** Their WhatsApp number. */
  readonly from: string;
  readonly name: string;
  readonly text: string;
}

/** One exchange: what the customer wrote, what the bot answered, and how the webhook was delivered. */
export interface ChatbotExchange {
  readonly customer: Customer;
  /** The room the emulator opened for the customer, where the bot answered. */
  readonly roomId: string;
  /** The bot's answer, as the emulator received it on `POST /v1/messages/whatsapp/bot`. */
  readonly reply: string;
  /** The HTTP status of each delivery attempt of the customer's message to the bot's webhook (`null`: no answer). */
  readonly deliveryStatuses: readonly (number | null)[];
}

const DEFAULT_CUSTOMER: Customer = {
  from: '6281234567890',
  name: 'Rina',
  text: 'Halo! Where is my order?',
};

/**
 * Runs the chatbot once on an embedded emulator: the bot's webhook route listens on a loopback port, is
 * registered with `registerQontakWebhooks` (customer messages only), the emulator delivers `customer`'s
 * message to it, and the bot answers in the customer's room through the typed client
 * (`POST /v1/messages/whatsapp/bot`) before it answers the webhook. Everything is closed before it returns.
 * @throws when the bot's answer or the delivery fails.
 */
export async function runChatbot(customer: Customer = DEFAULT_CUSTOMER): Promise<ChatbotExchange> {
  const emulator = await startEmulator();
  const auth = new QontakAuth({ baseUrl: emulator.url, username: DEMO_USERNAME, password: DEMO_PASSWORD });
  const qontak = createQontakClient(auth);
  const replies: string[] = [];

  async function onEvent(event: QontakWebhookEvent): Promise<void> {
    if (event.data_event !== 'receive_message_from_customer') return;
    const text = replyTo(event.text);
    const { error, response } = await qontak.POST('/v1/messages/whatsapp/bot', {
      body: { room_id: event.room_id, type: 'text', text },
      bodySerializer: toFormData,
    });
    // Thrown, the webhook is answered 500 and Qontak delivers the message again.
    if (error !== undefined) throw new Error(`the bot's answer was refused (HTTP ${response.status})`);
    replies.push(text);
  }

  // Qontak signs nothing: the secret in the registered URL is what tells its POSTs from anyone else's.
  const secret = randomBytes(24).toString('base64url');
  const handler = createQontakWebhookHandler({ secret, onEvent });
  const server = createServer((req, res) => void handleNodeRequest(handler, req, res));
  server.listen(0, '127.0.0.1');
  try {
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const url = qontakWebhookUrl(`http://127.0.0.1:${port}/qontak/webhook`, secret);
    await registerQontakWebhooks(qontak, {
      url,
      messages: { customer: true },
      statuses: false,
      rooms: false,
    });

    const inbound = emulator.receiveCustomerMessage(customer);
    const delivery = await inbound.delivery;
    if (delivery.result !== 'delivered' || replies.length !== 1) {
      throw new Error(`the customer's message was not answered (${delivery.result})`);
    }
    return {
      customer,
      roomId: inbound.roomId,
      reply: emulator.botMessages().find((message) => message.room_id === inbound.roomId)?.text ?? '',
      deliveryStatuses: delivery.attempts.map((attempt) => attempt.status),
    };
  } finally {
    server.close();
    await auth.close();
    await emulator.close();
  }
}
