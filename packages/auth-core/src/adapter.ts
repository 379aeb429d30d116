/**
 * `@qontak/auth-core/adapter`: for authors of HTTP-client adapters (the axios interceptor is one).
 * {@link fetchHopByHop} sends a request with a `RequestAuthorizer`'s credentials and follows its
 * redirects by hand, hop by hop, under the same rules as `auth.fetch`.
 */
export { fetchHopByHop } from './fetch-hop-by-hop';
export type { HopByHopResponse } from './fetch-hop-by-hop';
