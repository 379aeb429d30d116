import { isPlainPathSegment } from '@qontak/auth-core/adapter';
import { formValue } from './form-value';

/** A path template's parameter: `{id}`. */
const PATH_PARAMETER = /\{([^{}]+)\}/g;

/**
 * The typed client's path serializer: fills each `{name}` of `url` with its parameter, percent-encoded,
 * and refuses a parameter that is not one plain path segment, so that no value (e.g. the object that
 * Express 4's query parser makes of `?id[../../admin]=1`) can move the request to another path.
 * @throws {TypeError} when a parameter is missing, is not a string, finite number, bigint or boolean,
 *   or is not one plain segment as a lenient server reads it: empty, holding a `/` or `\`, or `.` or
 *   `..`, also percent-encoded at any depth (`%2e%2e`, `%252E`, `a%2Fb`).
 */
export function serializePath(url: string, parameters: Record<string, unknown>): string {
  return url.replace(PATH_PARAMETER, (_match, name: string) => {
    const what = `Qontak client: the path parameter ${name}`;
    const value = parameters[name];
    if (value === undefined || value === null) throw new TypeError(`${what} is missing.`);
    const text = formValue(value, what);
    if (!isPlainPathSegment(text)) {
      throw new TypeError(
        `${what} is not one path segment: it is empty, holds a '/' or '\\', or is '.' or '..'.`,
      );
    }
    return encodeURIComponent(text);
  });
}
