import type { Client } from 'openapi-fetch';
import type { QontakPaths } from './qontak-paths';

/**
 * A typed client of the Qontak Chat Open API: an `openapi-fetch` client on {@link QontakPaths}
 * (`client.GET('/v1/templates/whatsapp')`, `client.POST('/v1/broadcasts/whatsapp/direct', { body })`),
 * each call resolving to `{ data, error, response }` with `error` typed as Qontak's error envelope.
 * Made by `createQontakClient`.
 *
 * Also a class, so that it can be a dependency-injection token (the Nest module provides the client
 * under it). The object `createQontakClient` returns is not an instance of it: use the type, never
 * `instanceof`.
 */
// The interface gives the type, the class a run-time value of the same name (an injection token, as
// Nest reads constructor parameter types); no instance of the class is ever made.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface QontakClient extends Client<QontakPaths> {}

/** The injection token of a {@link QontakClient} (see the interface). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class QontakClient {}
