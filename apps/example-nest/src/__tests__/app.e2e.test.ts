import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { RequestAuthorizer } from '@qontak/auth-core';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_TEMPLATE_ID,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_SECRET,
  startEmulator,
  type EmulatorCredentialKind,
  type EmulatorDemoScheme,
  type QontakEmulator,
} from '@qontak/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppModule, type AppModuleOptions } from '../app.module';
import { useEmbeddedEmulator, type EmbeddedEmulator } from '../embedded-emulator';
import { QONTAK_ENV_VARIABLES } from '../qontak-env';

const VARIABLES = [...QONTAK_ENV_VARIABLES, 'QONTAK_EMULATOR_SCHEME', 'NODE_ENV'];

/** Secrets the emulator's demo credentials hold: no answer may show one. */
const SECRETS = [DEMO_PASSWORD, FULFILLMENT_CLIENT_SECRET, DEMO_ACCESS_TOKEN, DEMO_HMAC_CLIENT_SECRET];

/** Each demo scheme, and what the emulator then shows. */
const SCHEMES: readonly {
  scheme: EmulatorDemoScheme;
  healthOk: (emulator: QontakEmulator) => number | undefined;
  grants: number;
  credential: EmulatorCredentialKind;
}[] = [
  {
    scheme: 'password',
    healthOk: (emulator) => emulator.stats().health[200],
    grants: 1,
    credential: 'bearer',
  },
  {
    scheme: 'access-token',
    healthOk: (emulator) => emulator.stats().health[200],
    grants: 0,
    credential: 'access-token',
  },
  {
    scheme: 'mekari-hmac',
    healthOk: (emulator) => emulator.stats().gatewayHealth[200],
    grants: 0,
    credential: 'hmac',
  },
];

const savedEnv = new Map(VARIABLES.map((name) => [name, process.env[name]]));
let emulator: QontakEmulator;
let embedded: EmbeddedEmulator | undefined;
let app: INestApplication | undefined;

beforeEach(async () => {
  emulator = await startEmulator();
  for (const name of VARIABLES) delete process.env[name];
});

afterEach(async () => {
  await app?.close();
  app = undefined;
  await emulator.close();
  await embedded?.emulator.close();
  embedded = undefined;
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Boots the app (`AppModule.forRoot(options)`, as main.ts does) with `variables` in the environment; its URL. */
async function startApp(variables: Record<string, string>, options: AppModuleOptions = {}): Promise<string> {
  Object.assign(process.env, variables);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(options)] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
}

/** POSTs `body` as JSON to the app's `/qontak/messages`; the status, the parsed answer and its text. */
async function postMessage(
  url: string,
  body: unknown,
): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${url}/qontak/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), text };
}

/** A message to the emulator's demo template, naming the template and the channel. */
const ORDER_SHIPPED = {
  to: '6281234567890',
  name: 'Rina',
  templateId: DEMO_TEMPLATE_ID,
  channelId: DEMO_CHANNEL_INTEGRATION_ID,
  language: 'en',
  params: ['Rina', 'INV-1001'],
};

describe.each(SCHEMES)('example-nest app with the emulator credential of $scheme', (scheme) => {
  it('GET /qontak/health answers with Qontak health through the injected axios client, GET /health reports up', async () => {
    const url = await startApp(emulator.demoEnv(scheme.scheme));

    const qontak = await fetch(`${url}/qontak/health`);
    expect(qontak.status).toBe(200);
    expect(await qontak.json()).toMatchObject({ status: 200, body: { status: 'success' } });

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { qontak: { status: 'up' } } });

    expect(scheme.healthOk(emulator)).toBe(2);
    expect(emulator.stats().grants.total).toBe(scheme.grants);
  });

  it('POST /qontak/messages sends the WhatsApp template through the injected QontakClient and answers 201 { broadcastId }', async () => {
    const url = await startApp(emulator.demoEnv(scheme.scheme));

    const answers = await Promise.all([
      postMessage(url, ORDER_SHIPPED),
      postMessage(url, { ...ORDER_SHIPPED, to: '6281234567891', name: 'Budi', params: ['Budi', 'INV-1002'] }),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    const sent = emulator.sent();
    expect(answers.map((answer) => answer.body)).toEqual([
      { broadcastId: sent.find((each) => each.to_number === '6281234567890')?.id },
      { broadcastId: sent.find((each) => each.to_number === '6281234567891')?.id },
    ]);
    expect(sent.find((each) => each.to_number === '6281234567890')).toEqual({
      id: expect.any(String),
      credential: scheme.credential,
      to_number: '6281234567890',
      to_name: 'Rina',
      message_template_id: DEMO_TEMPLATE_ID,
      channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
      language: { code: 'en' },
      parameters: {
        body: [
          { key: '1', value: '1', value_text: 'Rina' },
          { key: '2', value: '2', value_text: 'INV-1001' },
        ],
      },
    });
    expect(emulator.stats().broadcasts).toEqual({ accepted: 2, rejected: 0 });
    expect(emulator.stats().grants.total).toBe(scheme.grants);
  });

  it("POST /qontak/messages answers Qontak's 422 with its messages, and no secret", async () => {
    const url = await startApp(emulator.demoEnv(scheme.scheme));

    const answer = await postMessage(url, { ...ORDER_SHIPPED, to: '12' });

    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      error: 'unprocessable_entity',
      messages: ['to_number must be digits with an optional leading + (5 to 15 digits)'],
    });
    for (const secret of SECRETS) expect(answer.text).not.toContain(secret);
    expect(emulator.sent()).toEqual([]);
    expect(emulator.stats().broadcasts).toEqual({ accepted: 0, rejected: 1 });
  });

  it('POST /qontak/messages answers 422 for params that do not fit the template, before sending anything', async () => {
    const url = await startApp(emulator.demoEnv(scheme.scheme));

    const answer = await postMessage(url, { ...ORDER_SHIPPED, params: ['Rina'] });

    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      error: 'unprocessable_entity',
      messages: ['Template order_shipped: its body has 2 placeholders ({{1}}, {{2}}), got 1 values.'],
    });
    expect(emulator.stats().broadcasts).toEqual({ accepted: 0, rejected: 0 });
  });

  it('POST /qontak/messages requires templateId and channelId when the app is not on its embedded emulator (400)', async () => {
    const url = await startApp(emulator.demoEnv(scheme.scheme));

    const answer = await postMessage(url, { to: '6281234567890', name: 'Rina', params: ['Rina', 'INV-1'] });

    expect(answer).toMatchObject({
      status: 400,
      body: { error: 'bad_request', messages: ['templateId is required', 'channelId is required'] },
    });
    expect(emulator.stats().broadcasts).toEqual({ accepted: 0, rejected: 0 });
  });
});

describe.each(SCHEMES)(
  'example-nest app on its embedded emulator with QONTAK_EMULATOR_SCHEME=$scheme',
  (scheme) => {
    it("POST /qontak/messages sends the emulator's demo template to its demo channel when the request names neither", async () => {
      process.env['QONTAK_EMULATOR_SCHEME'] = scheme.scheme;
      embedded = await useEmbeddedEmulator(process.env);
      expect(embedded?.scheme).toBe(scheme.scheme);
      const url = await startApp({}, { messageDefaults: embedded!.messageDefaults });

      const answer = await postMessage(url, {
        to: '6281234567890',
        name: 'Rina',
        params: ['Rina', 'INV-1001'],
      });

      expect(answer.status).toBe(201);
      expect(embedded!.emulator.sent()).toEqual([
        expect.objectContaining({
          id: (answer.body as { broadcastId: string }).broadcastId,
          credential: scheme.credential,
          message_template_id: DEMO_TEMPLATE_ID,
          channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
          language: { code: 'en' },
        }),
      ]);
      expect(emulator.stats().broadcasts).toEqual({ accepted: 0, rejected: 0 });
    });
  },
);

describe('example-nest POST /qontak/messages bodies it refuses (400, nothing sent)', () => {
  it.each([
    ['a JSON array', [1, 2], ['the body must be a JSON object']],
    [
      'no to, a blank name',
      { name: ' ', templateId: DEMO_TEMPLATE_ID, channelId: DEMO_CHANNEL_INTEGRATION_ID },
      ['to is required', 'name must be a non-empty string'],
    ],
    [
      'params that are not strings',
      { ...ORDER_SHIPPED, params: [1, 2] },
      ['params must be an array of strings'],
    ],
    [
      'a misspelt field',
      { ...ORDER_SHIPPED, templateID: DEMO_TEMPLATE_ID },
      ['templateID is not a field (use to, name, templateId, channelId, language, params)'],
    ],
  ])('%s', async (_label, body, messages) => {
    const url = await startApp(emulator.demoEnv('access-token'));

    const answer = await postMessage(url, body);

    expect(answer).toMatchObject({ status: 400, body: { error: 'bad_request', messages } });
    expect(emulator.stats().broadcasts).toEqual({ accepted: 0, rejected: 0 });
  });

  it('answers a dashboard token Qontak revoked with 502 { error: bad_gateway, status: 401 }', async () => {
    const url = await startApp(emulator.demoEnv('access-token'));
    emulator.revokeAll();

    const answer = await postMessage(url, ORDER_SHIPPED);

    expect(answer).toMatchObject({ status: 502, body: { error: 'bad_gateway', status: 401 } });
    expect(answer.text).not.toContain(DEMO_ACCESS_TOKEN);
    expect(emulator.sent()).toEqual([]);
  });
});

describe('example-nest app errors and lifecycle', () => {
  it('in production, a wrong password answers 502 with the generic body (the filter), and /health reports down', async () => {
    const url = await startApp({
      NODE_ENV: 'production',
      QONTAK_BASE_URL: emulator.url,
      QONTAK_USERNAME: DEMO_USERNAME,
      QONTAK_PASSWORD: 'Wr0ng-Password-1f2e3d',
    });

    const qontak = await fetch(`${url}/qontak/health`);
    expect(qontak.status).toBe(502);
    expect(qontak.headers.get('cache-control')).toBe('no-store');
    expect(await qontak.json()).toEqual({
      error: 'bad_gateway',
      message: 'The upstream service refused this request.',
    });

    const message = await postMessage(url, ORDER_SHIPPED);
    expect(message).toMatchObject({
      status: 502,
      body: { error: 'bad_gateway', message: 'The upstream service refused this request.' },
    });

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      error: { qontak: { status: 'down', code: 'invalid_grant' } },
    });
  });

  it('answers 503 with Retry-After when Qontak rate-limits the token request', async () => {
    emulator.faults.inject('token', { type: 'status', status: 429, retryAfter: '90' });
    const url = await startApp({
      NODE_ENV: 'production',
      QONTAK_BASE_URL: emulator.url,
      QONTAK_USERNAME: DEMO_USERNAME,
      QONTAK_PASSWORD: DEMO_PASSWORD,
    });

    const qontak = await fetch(`${url}/qontak/health`);

    expect(qontak.status).toBe(503);
    expect(qontak.headers.get('retry-after')).toBe('90');
    expect(await qontak.json()).toMatchObject({ error: 'service_unavailable' });
  });

  it.each([
    [
      'a dashboard token and a Mekari client',
      { QONTAK_ACCESS_TOKEN: DEMO_ACCESS_TOKEN, MEKARI_CLIENT_ID: 'id', MEKARI_CLIENT_SECRET: 'secret' },
    ],
    [
      'a Qontak account and a Mekari client',
      {
        QONTAK_USERNAME: DEMO_USERNAME,
        QONTAK_PASSWORD: DEMO_PASSWORD,
        MEKARI_CLIENT_ID: 'id',
        MEKARI_CLIENT_SECRET: 'secret',
      },
    ],
  ])(
    'fails at bootstrap with config_error when the credentials of two schemes are set: %s',
    async (_label, variables) => {
      await expect(startApp(variables)).rejects.toMatchObject({
        code: 'config_error',
        message: expect.stringContaining('more than one scheme'),
      });
    },
  );

  it('fails at bootstrap with config_error naming what to add when half a credential is set', async () => {
    await expect(startApp({ QONTAK_USERNAME: DEMO_USERNAME })).rejects.toMatchObject({
      code: 'config_error',
      message: expect.stringContaining('QONTAK_USERNAME is set but QONTAK_PASSWORD is missing'),
    });
  });

  it('closes its authorizer on shutdown (a closed password grant refuses with config_error)', async () => {
    const url = await startApp(emulator.demoEnv('password'));
    expect((await fetch(`${url}/qontak/health`)).status).toBe(200);
    const authorizer = app!.get(RequestAuthorizer);

    await app!.close();
    app = undefined;

    await expect(authorizer.fetch(authorizer.healthUrl)).rejects.toMatchObject({ code: 'config_error' });
    expect(emulator.stats().grants.total).toBe(1);
  });
});
