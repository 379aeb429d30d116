export { InjectQontakHttp } from './inject-qontak-http.decorator';
export { QontakAuthExceptionFilter } from './qontak-auth-exception.filter';
export type { QontakAuthExceptionFilterOptions } from './qontak-auth-exception.filter';
export type {
  QontakAuthModuleOptions,
  QontakAuthorizerModuleOptions,
  QontakCredentialModuleOptions,
} from './qontak-auth.module-options';
export type {
  QontakAuthModuleAsyncOptions,
  QontakAuthModuleExtras,
  QontakAuthModuleForRootOptions,
} from './qontak-auth.module-definition';
export { QontakAuthModule } from './qontak-auth.module';
