/**
 * Injection token of the authorizer the module holds: the one it built from credential options, or
 * the one given as `{ authorizer }`. Internal: users inject it by the class `RequestAuthorizer`, an
 * alias of this token (`useExisting`), as `@nestjs/cache-manager` aliases its store.
 *
 * A registered symbol, so that two copies of this package (its ESM and CommonJS builds) agree on it.
 */
export const QONTAK_AUTHORIZER: unique symbol = Symbol.for('@qontak/nestjs:authorizer');

/**
 * Injection token of the module's axios instance. Internal: inject the instance with
 * `@InjectQontakHttp()`.
 */
export const QONTAK_HTTP: unique symbol = Symbol.for('@qontak/nestjs:http');
