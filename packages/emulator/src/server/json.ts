/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message that refuses a request body that is JSON but no object. */
export const NOT_A_JSON_OBJECT = 'the request body must be a JSON object';

/** A JSON body, parsed: an empty body reads as `{}`; `undefined` when it is not JSON. */
export function parseJsonBody(body: Buffer): { value: unknown } | undefined {
  if (body.byteLength === 0) return { value: {} };
  try {
    return { value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return undefined;
  }
}
