import { Inject } from '@nestjs/common';
import { QONTAK_HTTP } from './qontak-auth.constants';

/**
 * Injects the module's axios instance (token {@link QONTAK_HTTP}): `baseURL` is the Qontak base URL
 * and the Qontak interceptors are attached. Same as `@Inject(QONTAK_HTTP)`.
 *
 * @example
 * constructor(@InjectQontakHttp() private readonly http: AxiosInstance) {}
 */
export function InjectQontakHttp(): PropertyDecorator & ParameterDecorator {
  return Inject(QONTAK_HTTP);
}
