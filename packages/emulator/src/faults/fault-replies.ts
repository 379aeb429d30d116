import type { EmulatorFault, EmulatorRoute } from './fault-injector';
import type { Reply } from '../server/reply';
import { errorEnvelopeReply } from '../api/envelope';
import { JSON_CONTENT_TYPE, jsonReply, reasonPhrase, statusPageReply } from '../server/reply';

/** Faults answered with a fixed reply instead of the endpoint's answer. */
type CannedFault = Extract<EmulatorFault, { type: 'status' | 'malformed-json' | 'html' | 'empty' | 'raw' }>;

const TRUNCATED_BODIES: Record<EmulatorRoute, string> = {
  token: '{"access_token":"kM3qD0aF7xWJ1oZ9rUe2VtYb8cHnLs5gPi4R6wXyQ0E","token_type":"Bea',
  revoke: '{',
  health: '{"status":"success","data":{"sta',
  'gateway-health': '{"status":"success","data":{"sta',
  'broadcast-direct': '{"status":"success","data":{"id":"',
  'broadcast-log': '{"status":"success","data":[{"id":"',
  templates: '{"status":"success","data":[{"id":"',
  integrations: '{"status":"success","data":[{"id":"',
  'bot-message': '{"status":"success","data":{"id":"',
  'message-interactions': '{"status":"success","data":{"receive_mess',
  'room-interactions': '{"status":"success","data":{"receive_mess',
  'agent-message': '{"status":"success","data":{"id":"',
  'interactive-message': '{"status":"success","data":{"id":"',
  'file-upload': '{"status":"success","data":{"url":"',
  rooms: '{"status":"success","data":[{"id":"',
  room: '{"status":"success","data":{"id":"',
  'room-histories': '{"status":"success","data":[{"id":"',
  'room-participants': '{"status":"success","data":[{"id":"',
  'room-resolve': '{"status":"success","data":{"id":"',
  'room-tag-add': '{"status":"success","data":{"id":"',
  'room-tag-remove': '{"status":"success","data":{"id":"',
  'room-assignable-agents': '{"status":"success","data":[{"id":"',
  'room-agent-assign': '{"status":"success","data":{"id":"',
  'room-agent-unassign': '{"status":"success","data":{"id":"',
  'room-takeover': '{"status":"success","data":{"id":"',
  'room-mark-read': '{"status":"success","data":{"id":"',
  users: '{"status":"success","data":[{"id":"',
  'contact-block': '{"status":"success","data":{"contact_id":"',
  'contact-unblock': '{"status":"success","data":{"contact_id":"',
  template: '{"status":"success","data":{"id":"',
  integration: '{"status":"success","data":{"id":"',
  'message-interactions-read': '{"status":"success","data":{"receive_mess',
  'room-interactions-read': '{"status":"success","data":{"receive_mess',
  'uploaded-file': '\x89PNG',
  'contact-list-create': '{"status":"success","data":{"id":"',
  'contact-lists': '{"status":"success","data":[{"id":"',
  'contact-list': '{"status":"success","data":{"id":"',
  'broadcast-contact-list': '{"status":"success","data":{"id":"',
  broadcasts: '{"status":"success","data":[{"id":"',
  broadcast: '{"status":"success","data":{"id":"',
  'broadcast-contacts': '{"status":"success","data":{"contacts":[{"inp',
};

/** The reply a canned fault stands for. */
export function cannedFaultReply(fault: CannedFault, route: EmulatorRoute): Reply {
  switch (fault.type) {
    case 'status': {
      const reply = statusPageReply(fault.status);
      if (fault.retryAfter !== undefined) reply.headers['Retry-After'] = fault.retryAfter;
      return reply;
    }
    case 'malformed-json':
      return { status: 200, headers: { 'Content-Type': JSON_CONTENT_TYPE }, body: TRUNCATED_BODIES[route] };
    case 'html': {
      const status = fault.status ?? 502;
      const title = `${status} ${reasonPhrase(status)}`;
      return {
        status,
        headers: { 'Content-Type': 'text/html' },
        body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
      };
    }
    case 'empty':
      return { status: fault.status ?? 200, headers: { 'Content-Type': JSON_CONTENT_TYPE }, body: '' };
    case 'raw':
      return { status: fault.status, headers: { ...fault.headers }, body: fault.body };
  }
}

/** Default `Retry-After` of a rate-limit fault, in seconds. */
const RATE_LIMIT_RETRY_AFTER_SECONDS = 1;

/** Default `x-ratelimit-limit` of a rate-limit fault: the 100 requests a minute the SDK's docs claim. */
const RATE_LIMIT_LIMIT = 100;

/**
 * The 429 of a `rate-limit` fault at `nowMs` on the emulator's clock: both rate-limit headers (see
 * `EmulatorFault`), and Qontak's error envelope, or the gateway's `{ message }` behind it.
 */
export function rateLimitReply(
  fault: Extract<EmulatorFault, { type: 'rate-limit' }>,
  nowMs: number,
  gateway: boolean,
): Reply {
  const wait = fault.retryAfterSeconds ?? RATE_LIMIT_RETRY_AFTER_SECONDS;
  const headers = {
    'Retry-After': String(wait),
    'x-ratelimit-limit': String(fault.limit ?? RATE_LIMIT_LIMIT),
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Math.ceil(nowMs / 1000) + wait),
  };
  return gateway
    ? jsonReply(429, { message: 'API rate limit exceeded' }, headers)
    : { ...errorEnvelopeReply(429, ['Too many requests, please try again later']), headers };
}

/** Applies a `token-body` fault to a successful JSON reply; other replies are returned unchanged. */
export function patchReply(reply: Reply, fault: Extract<EmulatorFault, { type: 'token-body' }>): Reply {
  if (reply.json === undefined || reply.status < 200 || reply.status > 299) return reply;
  const json: Record<string, unknown> = { ...reply.json, ...fault.patch };
  for (const key of fault.omit ?? []) delete json[key];
  return { ...reply, json };
}
