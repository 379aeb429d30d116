import type { IncomingMessage } from 'node:http';
import { errorEnvelopeReply } from './envelope';
import type { OrRefusal, Reply } from '../server/reply';
import { parseJsonBody } from '../server/json';
import { isJsonMediaType, mediaType, readRawBody } from '../server/request-body';

function refuse(status: number, message: string, closeConnection = false): { ok: false; reply: Reply } {
  return { ok: false, reply: { ...errorEnvelopeReply(status, [message]), closeConnection } };
}

async function readBytes(req: IncomingMessage, maxBytes: number): Promise<OrRefusal<Buffer>> {
  const raw = await readRawBody(req, maxBytes);
  if (raw.ok) return { ok: true, value: raw.body };
  if (raw.reason === 'too-large') {
    return refuse(413, `the request body is larger than ${maxBytes} bytes`, raw.closeConnection);
  }
  return refuse(400, 'the request body could not be read', true);
}

/**
 * Reads a JSON body (`application/json` or `application/*+json`), at most `maxBytes`. An empty body reads
 * as `{}`, so a bodiless request is answered with the operation's missing fields. Refuses with the error
 * envelope: 413 (too large), 415 (another media type), 400 (not JSON).
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<OrRefusal<unknown>> {
  const bytes = await readBytes(req, maxBytes);
  if (!bytes.ok) return bytes;
  if (bytes.value.byteLength === 0) return { ok: true, value: {} };
  if (!isJsonMediaType(mediaType(req.headers['content-type']))) {
    return refuse(415, 'Content-Type must be application/json');
  }
  const parsed = parseJsonBody(bytes.value);
  return parsed ? { ok: true, value: parsed.value } : refuse(400, 'the request body is not valid JSON');
}

/**
 * Reads a `multipart/form-data` body, at most `maxBytes`, with the platform's own parser (`Response.formData()`).
 * Refuses with the error envelope: 413 (too large), 415 (another media type), 400 (not parseable).
 */
export async function readMultipartBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<OrRefusal<FormData>> {
  const bytes = await readBytes(req, maxBytes);
  if (!bytes.ok) return bytes;
  const contentType = req.headers['content-type'] ?? '';
  if (mediaType(contentType) !== 'multipart/form-data') {
    return refuse(415, 'Content-Type must be multipart/form-data');
  }
  try {
    const body = new Uint8Array(bytes.value);
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    return { ok: true, value: form };
  } catch {
    return refuse(400, 'the request body is not valid multipart/form-data');
  }
}

/**
 * Reads a body sent either as JSON (see {@link readJsonBody}) or as `multipart/form-data` (see
 * {@link readMultipartBody}), the `Content-Type` deciding; a form reads as an object of its fields, a
 * field given more than once as the array of its values (text fields as strings, files as `File`s).
 */
export async function readJsonOrMultipartBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<OrRefusal<unknown>> {
  if (mediaType(req.headers['content-type']) !== 'multipart/form-data') return readJsonBody(req, maxBytes);
  const form = await readMultipartBody(req, maxBytes);
  if (!form.ok) return form;
  const fields: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(form.value.keys())) {
    const [first, ...rest] = form.value.getAll(key);
    if (first !== undefined) fields[key] = rest.length === 0 ? first : [first, ...rest];
  }
  return { ok: true, value: fields };
}
