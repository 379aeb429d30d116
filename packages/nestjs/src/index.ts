export { InjectQontakHttp } from './inject-qontak-http.decorator';
export { QONTAK_AUTH, QONTAK_HTTP } from './qontak-auth.constants';
export type { QontakModuleAuth } from './create-module-auth';
export type { MekariHmacModuleOptions, QontakAuthModuleOptions } from './qontak-auth-module-options';
export type {
  QontakAuthModuleAsyncOptions,
  QontakAuthModuleForRootOptions,
} from './qontak-auth.module-definition';
export { QontakAuthModule } from './qontak-auth.module';
export { QontakAuthService } from './qontak-auth.service';
