/**
 * `@qontak/webhooks/node`: the webhook handler on Node's own HTTP objects, for a `node:http` server and
 * for the framework adapters (`@qontak/express-middleware/webhooks`, `@qontak/nestjs/webhooks`).
 */
export { handleNodeRequest } from './node/handle-node-request';
export type { NodeRequestOptions } from './node/node-request-options';
