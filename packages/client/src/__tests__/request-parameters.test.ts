import { describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { express4App } from './support/express4-app';
import { ORDER_SHIPPED } from './support/order-shipped';
import { recordingProxy } from './support/recording-proxy';
import { authorizerFor, emulator, SCHEMES } from './support/schemes';

/**
 * Query strings an attacker sends to a route that passes `req.query.id` to the client as a path
 * parameter. Express 4's query parser makes objects and arrays of `id[...]`; the others are dot
 * segments in every spelling a server may decode, and encoded slashes around them.
 */
const HOSTILE_IDS = [
  'id[../../../../admin/x%23]=1',
  'id[../../../../admin/x]=1',
  'id[]=a&id[]=b',
  'id=..',
  'id=.',
  'id=%2e%2E',
  'id=%252e%252e',
  'id=%25252E',
  'id=..%2F..%2F..%2F..%2Fadmin',
  'id=a%2F..%2F..%2F..%2F..%2F..%2Fadmin',
  'id=%2e%2e%5c%2e%2e%5cadmin',
  'id=',
];

describe.each(SCHEMES)(
  'a real Express 4 route passing req.query.id to the typed client, with a %s',
  (scheme) => {
    it('sends no request for an id that is not a plain path segment, and credentials only under the API base path', async () => {
      const server = await emulator();
      const proxy = await recordingProxy(server.url);
      const auth = authorizerFor(scheme, proxy.url);
      const client = createQontakClient(auth);
      const app = await express4App({
        '/broadcast-log': async (req, res) => {
          const id = req.query['id'] as string;
          const { response } = await client.GET('/v1/broadcasts/{id}/whatsapp/log', {
            params: { path: { id } },
          });
          res.status(response.status).json({ status: response.status });
        },
      });
      const sent = await client.POST('/v1/broadcasts/whatsapp/direct', { body: ORDER_SHIPPED });
      const id = sent.data!.data.id;

      const statuses: number[] = [];
      for (const query of HOSTILE_IDS) {
        statuses.push((await fetch(`${app}/broadcast-log?${query}`)).status);
      }
      const control = await fetch(`${app}/broadcast-log?id=${encodeURIComponent(id)}`);

      const apiPath = new URL(auth.apiBaseUrl).pathname;
      const credentialed = proxy.requests.filter((request) => request.authorization !== undefined);
      expect(credentialed.filter((request) => !request.path.startsWith(`${apiPath}/v1/`))).toEqual([]);
      expect(statuses).toEqual(HOSTILE_IDS.map(() => 400));
      expect(control.status).toBe(200);
      expect(credentialed.map((request) => `${request.method} ${request.path}`)).toEqual([
        `POST ${apiPath}/v1/broadcasts/whatsapp/direct`,
        `GET ${apiPath}/v1/broadcasts/${id}/whatsapp/log`,
      ]);
    });

    it('sends the query keys a route passes on encoded: what arrives is what the route passed', async () => {
      const server = await emulator();
      const proxy = await recordingProxy(server.url);
      const client = createQontakClient(authorizerFor(scheme, proxy.url));
      const app = await express4App({
        '/integrations': async (req, res) => {
          const { response } = await client.GET('/v1/integrations', {
            params: { query: { ...(req.query as object), limit: 5 } },
          });
          res.status(response.status).json({ status: response.status });
        },
      });
      const answer = await fetch(
        `${app}/integrations?${new URLSearchParams({ 'x#': '1', 'y&limit=100&z': '2', 'a=b': 'c d' })}`,
      );
      expect(answer.status).toBe(200);
      const arrived = proxy.requests.filter((request) => request.path.includes('/v1/integrations'));
      expect(arrived).toHaveLength(1);
      const query = new URL(arrived[0]!.path, proxy.url).searchParams;
      expect([...query]).toEqual([
        ['x#', '1'],
        ['y&limit=100&z', '2'],
        ['a=b', 'c d'],
        ['limit', '5'],
      ]);
    });
  },
);
