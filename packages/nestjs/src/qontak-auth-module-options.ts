import type { QontakAuthOptions } from '@qontak/auth-core';

/**
 * Options of `QontakAuthModule.forRoot()` (and what `forRootAsync`'s factory returns): exactly the
 * options of `new QontakAuth(options)` from `@qontak/auth-core`. Only `username` and `password` are
 * required; `baseUrl` defaults to `https://chat-service.qontak.com`.
 */
export type QontakAuthModuleOptions = QontakAuthOptions;
