/**
 * `@qontak/auth-core/mekari`: the Mekari API gateway's HMAC-SHA256 signing primitives, for code that
 * signs requests with another HTTP client. `MekariHmacAuth` (in the root entry) uses them for you.
 */
export {
  formatHttpDate,
  mekariSigningString,
  requestTarget,
  signMekariRequest,
} from './mekari/hmac-signature';
export type { MekariSignRequestInput, MekariSigningInput } from './mekari/hmac-signature';
