import type { AuthorizationHeaders } from '@qontak/auth-core';
import type { InternalAxiosRequestConfig } from 'axios';

/**
 * Turns `target[key]` into a non-enumerable accessor: code reads and writes it as before, while
 * `JSON.stringify` skips it and `util.inspect` (even with `showHidden`) shows `[Getter/Setter]`.
 */
function hide(target: object, key: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor?.enumerable || !('value' in descriptor)) return;
  let value: unknown = descriptor.value;
  Object.defineProperty(target, key, {
    get: () => value,
    set: (next: unknown) => {
      value = next;
    },
    enumerable: false,
    configurable: true,
  });
}

/**
 * Takes the credentials this interceptor added out of what a caller gets back once the request is
 * done (a response, or an `AxiosError`), so that logging it cannot print them: the headers are
 * deleted from `config.headers`, and the Node `ClientRequest` (whose sent header block holds them)
 * becomes a non-enumerable accessor on the error and the response. `config` can still be sent again: the
 * interceptor then authorizes it afresh.
 */
export function scrubCredentials(
  config: InternalAxiosRequestConfig,
  added: AuthorizationHeaders,
  carriers: ReadonlyArray<object | undefined>,
): void {
  for (const name in added) config.headers.delete(name);
  for (const carrier of carriers) if (carrier !== undefined) hide(carrier, 'request');
}
