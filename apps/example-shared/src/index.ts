/**
 * What the example apps share: {@link readMessageRequest} reads the body of the Express and NestJS apps'
 * `POST /qontak/messages`, and {@link directBroadcastBody} makes Qontak's direct-broadcast body of a
 * message (theirs and the demo's).
 */
export { directBroadcastBody } from './direct-broadcast-body';
export type { MessageDefaults } from './message-defaults';
export { readMessageRequest } from './message-request';
export type { MessageRequest, MessageRequestReading } from './message-request';
