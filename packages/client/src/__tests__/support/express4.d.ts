// Express 4, installed as the devDependency alias `express4` for the tests that run a real Express 4
// app (its query parser turns `?id[key]=1` into an object). It has no types of its own; these are the
// parts the tests use.
declare module 'express4' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http';

  interface Request extends IncomingMessage {
    query: Record<string, unknown>;
  }
  interface Response extends ServerResponse {
    status(code: number): Response;
    json(body: unknown): Response;
  }
  interface Application {
    get(path: string, handler: (req: Request, res: Response) => void): Application;
    listen(port: number, host: string, callback: () => void): Server;
  }

  export type { Request, Response };
  export default function express4(): Application;
}
