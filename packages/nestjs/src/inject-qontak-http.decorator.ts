import { Inject } from '@nestjs/common';
import { QONTAK_HTTP } from './qontak-auth.constants';

/**
 * Injects the module's axios instance: `baseURL` is the authorizer's `baseUrl`, and its interceptors
 * (from `@qontak/axios-interceptor`) add the configured scheme's headers to requests for the API's
 * origin only, and answer a 401 with one renewal and one replay when the scheme can renew. Use it in
 * any provider or controller that sees `QontakAuthModule`.
 *
 * @example
 * constructor(@InjectQontakHttp() private readonly http: AxiosInstance) {}
 */
export function InjectQontakHttp(): PropertyDecorator & ParameterDecorator {
  return Inject(QONTAK_HTTP);
}
