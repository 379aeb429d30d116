/**
 * Injection token of the module's raw `QontakAuth` (from `@qontak/auth-core`), built from the module
 * options and closed on application shutdown. Inject it with `@Inject(QONTAK_AUTH)`.
 *
 * A string, not a symbol, so that the main entry point and `@qontak/nestjs/terminus` (bundled
 * separately) agree on it.
 */
export const QONTAK_AUTH = 'QONTAK_AUTH';

/**
 * Injection token of the module's axios instance: `baseURL` is the Qontak base URL and the Qontak
 * interceptors are attached (token on Qontak requests only, one re-grant and replay on 401).
 * Inject it with {@link InjectQontakHttp} or `@Inject(QONTAK_HTTP)`.
 */
export const QONTAK_HTTP = 'QONTAK_HTTP';
