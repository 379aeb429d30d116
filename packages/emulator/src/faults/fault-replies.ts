import type { EmulatorFault, EmulatorRoute } from './fault-injector';
import type { Reply } from '../server/reply';
import { JSON_CONTENT_TYPE, reasonPhrase, statusPageReply } from '../server/reply';

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

/** Applies a `token-body` fault to a successful JSON reply; other replies are returned unchanged. */
export function patchReply(reply: Reply, fault: Extract<EmulatorFault, { type: 'token-body' }>): Reply {
  if (reply.json === undefined || reply.status < 200 || reply.status > 299) return reply;
  const json: Record<string, unknown> = { ...reply.json, ...fault.patch };
  for (const key of fault.omit ?? []) delete json[key];
  return { ...reply, json };
}
