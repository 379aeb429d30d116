// The Qontak-shaped bodies the tests post: the package's own examples (`@qontak/webhooks/testing`).
export {
  AGENT_MESSAGE,
  BROADCAST_LOG_STATUS,
  CUSTOMER_MESSAGE,
  EVENTS,
  LEGACY_AGENT_MESSAGE,
  LEGACY_CUSTOMER_MESSAGE,
  ROOM_RESOLVED,
  STATUS_MESSAGE,
} from '../../testing/webhook-examples';
