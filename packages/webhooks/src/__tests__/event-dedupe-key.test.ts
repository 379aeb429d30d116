import { describe, expect, it } from 'vitest';
import { eventDedupeKey } from '../event-dedupe-key';
import type { QontakWebhookEvent } from '../qontak-webhook-event';
import { qontakWebhookExample } from '../testing';

const MESSAGE_ID = 'c7e0b8a1-5f3e-4b7a-9d2c-1e8f6a4b3c21';
const DIGEST = /^[0-9a-f]{64}$/;

function customerMessage(id: string, status = 'created'): QontakWebhookEvent {
  return qontakWebhookExample('receive_message_from_customer', { id, status });
}

describe('eventDedupeKey', () => {
  it("keeps a message's plain identity as it is: its kind, id and status", () => {
    expect(eventDedupeKey(customerMessage(MESSAGE_ID))).toBe(`c|${MESSAGE_ID}|created`);
    expect(eventDedupeKey(qontakWebhookExample('status_message', { id: MESSAGE_ID, status: 'read' }))).toBe(
      `s|${MESSAGE_ID}|read`,
    );
  });

  it('digests an identity with a character a plain key does not hold, or longer than 64 characters', () => {
    for (const id of ['a|b', 'a~b', 'pesan 1', 'ünïcode', 'x'.repeat(60)]) {
      const key = eventDedupeKey(customerMessage(id));
      expect(key).toMatch(DIGEST);
    }
  });

  it('gives distinct identities distinct keys, also those a separator could join alike', () => {
    const pairs: Array<[QontakWebhookEvent, QontakWebhookEvent]> = [
      [customerMessage('a|b', 'c'), customerMessage('a', 'b|c')],
      [customerMessage('a', '~'), customerMessage('a', '')],
      [customerMessage(MESSAGE_ID, 'created'), customerMessage(MESSAGE_ID, 'sent')],
      [
        customerMessage(MESSAGE_ID),
        qontakWebhookExample('receive_message_from_agent', { id: MESSAGE_ID, status: 'created' }),
      ],
    ];
    for (const [one, other] of pairs) expect(eventDedupeKey(one)).not.toBe(eventDedupeKey(other));
  });

  it("never puts a broadcast recipient's phone number in a key: that identity is always digested", () => {
    const event = qontakWebhookExample('broadcast_log_status', { contact_phone_number: '6281234567890' });
    const key = eventDedupeKey(event);
    expect(key).toMatch(DIGEST);
    expect(key).not.toContain('6281234567890');
  });

  it('makes every key at most 64 characters', () => {
    for (const id of [MESSAGE_ID, 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(10_000)]) {
      expect(String(eventDedupeKey(customerMessage(id))).length).toBeLessThanOrEqual(64);
    }
  });
});
