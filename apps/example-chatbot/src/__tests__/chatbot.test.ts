import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replyTo } from '../reply-to';
import { runChatbot } from '../run-chatbot';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
/** `pnpm chatbot` builds the packages it needs first: minutes on a cold, loaded machine. */
const BUILD_AND_RUN_MS = 240_000;

describe('the chatbot', () => {
  it("answers a customer's message, delivered by webhook, in the customer's room", async () => {
    const exchange = await runChatbot({ from: '6289876543210', name: 'Budi', text: 'Menu please' });
    expect(exchange).toEqual({
      customer: { from: '6289876543210', name: 'Budi', text: 'Menu please' },
      roomId: expect.any(String),
      reply: replyTo('Menu please'),
      deliveryStatuses: [200],
    });
  });

  it('answers about the order when asked, in English or Indonesian', () => {
    expect(replyTo('Where is my ORDER?')).toMatch(/^Your order #1042/);
    expect(replyTo('pesanan saya di mana?')).toMatch(/^Your order #1042/);
    expect(replyTo('halo')).toMatch(/^Hi!/);
    expect(replyTo(null)).toMatch(/^Hi!/);
  });

  it(
    '`pnpm chatbot` from the repository root prints the exchange and exits 0',
    () => {
      const run = spawnSync('pnpm', ['chatbot'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: BUILD_AND_RUN_MS,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout.trim().split('\n')).toEqual([
        expect.stringMatching(/^Qontak chatbot on the embedded emulator \(room [\w-]+\)$/),
        '  Rina (+6281234567890): Halo! Where is my order?',
        `  bot: ${replyTo('Halo! Where is my order?')}`,
        '  webhook delivered in 1 attempt(s): HTTP 200',
      ]);
      expect(run.stderr).toBe('');
    },
    BUILD_AND_RUN_MS + 10_000,
  );
});
