import { Writable } from 'node:stream';
import { Logger, type LoggerService } from '@nestjs/common';
import { QontakAuth } from '@qontak/auth-core';
import { DEMO_USERNAME } from '@qontak/emulator';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { qontakNestLogger } from '../nest-logger';
import { qontakPinoLogger } from '../pino-logger';
import { emulator } from './support';

const WRONG_PASSWORD = 'Sentinel-WrongPassword-for-the-recipes';

describe('the logger option', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('wired to pino: one JSON line per event with its context, never a secret', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const server = await emulator();
    const auth = new QontakAuth({
      baseUrl: server.url,
      username: DEMO_USERNAME,
      password: WRONG_PASSWORD,
      logger: qontakPinoLogger(pino({ level: 'debug' }, sink)),
    });
    await auth.ready().catch(() => undefined);
    await auth.close();
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          level: 50,
          name: 'qontak',
          msg: 'Qontak rejected the credentials; not retrying until the cooldown ends',
          code: 'invalid_grant',
        }),
      ]),
    );
    expect(lines.join('')).not.toContain(WRONG_PASSWORD);
  });

  it("wired to Nest's Logger: the app's logger gets each event under the context Qontak, never a secret", async () => {
    const lines: string[] = [];
    // Nest hands the context last (after the stack, for error).
    const record =
      (level: string) =>
      (message: unknown, ...rest: unknown[]) =>
        lines.push(`${level} [${String(rest.at(-1))}] ${String(message)}`);
    const appLogger: LoggerService = {
      log: record('log'),
      error: record('error'),
      warn: record('warn'),
      debug: record('debug'),
    };
    Logger.overrideLogger(appLogger);
    const server = await emulator();
    const auth = new QontakAuth({
      baseUrl: server.url,
      username: DEMO_USERNAME,
      password: WRONG_PASSWORD,
      logger: qontakNestLogger(),
    });
    await auth.ready().catch(() => undefined);
    await auth.close();
    expect(lines).toContain(
      'error [Qontak] Qontak rejected the credentials; not retrying until the cooldown ends {"code":"invalid_grant","cooldownMs":60000}',
    );
    expect(lines.join('\n')).not.toContain(WRONG_PASSWORD);
  });
});
