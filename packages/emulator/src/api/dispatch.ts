import type { IncomingMessage } from 'node:http';
import { authenticateApiRequest } from '../auth/authenticate';
import type { ApiCall } from './operation';
import type { ApiMatch } from './operations';
import { readJsonBody, readJsonOrMultipartBody, readMultipartBody } from './request-body';
import type { EmulatorContext } from '../server/context';
import type { Reply } from '../server/reply';
import { afterDraining } from '../server/request-body';

async function run(call: ApiCall, match: ApiMatch, req: IncomingMessage): Promise<Reply> {
  const { operation } = match;
  const maxBytes = call.ctx.options.maxBodyBytes;
  switch (operation.body) {
    case 'none':
      return afterDraining(req, maxBytes, () => operation.handle(call));
    case 'json': {
      const body = await readJsonBody(req, maxBytes);
      return body.ok ? operation.handle(call, body.value) : body.reply;
    }
    case 'json-or-multipart': {
      const body = await readJsonOrMultipartBody(req, maxBytes);
      return body.ok ? operation.handle(call, body.value) : body.reply;
    }
    case 'multipart': {
      const form = await readMultipartBody(req, maxBytes);
      return form.ok ? operation.handle(call, form.value) : form.reply;
    }
  }
}

/**
 * Answers a request matched to an Open API operation: authenticates it the way its base path does
 * (refusing with that base's 401 after draining the body), reads the body the operation takes, runs the
 * operation, and counts the answer (by route; accepted or rejected for counted submissions).
 */
export async function answerApiRequest(
  ctx: EmulatorContext,
  match: ApiMatch,
  req: IncomingMessage,
  url: URL,
): Promise<Reply> {
  const auth = authenticateApiRequest(ctx, match.base, req, url);
  let reply: Reply;
  if (!auth.ok) {
    reply = await afterDraining(req, ctx.options.maxBodyBytes, auth.reply);
  } else {
    reply = await run({ ctx, caller: auth.value, url, params: match.params }, match, req);
    if (match.operation.counts) ctx.stats.submission(match.operation.counts, reply.status < 300);
  }
  ctx.stats.apiAnswer(match.route, reply.status);
  return reply;
}
