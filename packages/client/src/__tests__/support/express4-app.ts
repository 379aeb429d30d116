import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express4, { type Request, type Response } from 'express4';
import { closeAfterTest } from './close-after-test';

/** A route handler of the app: what it answers is up to the test. */
export type Route = (req: Request, res: Response) => Promise<void>;

/**
 * A real Express 4 app on loopback with `routes` (path -> handler), closed after the test. A handler
 * that throws a `TypeError` answers 400 with its message, any other error 500.
 */
export async function express4App(routes: Record<string, Route>): Promise<string> {
  const app = express4();
  for (const [path, route] of Object.entries(routes)) {
    app.get(path, (req, res) => {
      route(req, res).catch((error: unknown) => {
        res.status(error instanceof TypeError ? 400 : 500).json({ error: String(error) });
      });
    });
  }
  const server = await new Promise<Server>((resolve) => {
    const started: Server = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  closeAfterTest(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
