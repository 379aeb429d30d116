/**
 * Test helpers several packages of the toolkit share (private, not published): {@link listenOnLoopback}
 * and {@link closeServer} for a server on a free loopback port, {@link unusedLoopbackUrl} for one that
 * refuses connections.
 */
export { closeServer, listenOnLoopback, unusedLoopbackUrl } from './loopback';
export type { Listener } from './loopback';
