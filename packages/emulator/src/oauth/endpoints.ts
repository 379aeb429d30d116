import type { IncomingMessage } from 'node:http';
import type { EmulatorContext } from '../server/context';
import type { Reply } from '../server/reply';
import { handleRevokeRequest } from './revoke-endpoint';
import { handleTokenRequest } from './token-endpoint';

/** An OAuth endpoint at the host root: its path, its route name (faults, stats) and its handler. */
interface OAuthEndpoint {
  readonly path: string;
  readonly route: 'token' | 'revoke';
  handle(ctx: EmulatorContext, req: IncomingMessage, url: URL): Promise<Reply>;
}

const OAUTH_ENDPOINTS: readonly OAuthEndpoint[] = [
  { path: '/oauth/token', route: 'token', handle: handleTokenRequest },
  { path: '/oauth/revoke', route: 'revoke', handle: handleRevokeRequest },
];

/** The endpoint a `POST` to `pathname` (trailing slashes already removed) asks for, or `undefined`. */
export function matchOAuthRequest(method: string | undefined, pathname: string): OAuthEndpoint | undefined {
  if (method !== 'POST') return undefined;
  return OAUTH_ENDPOINTS.find((endpoint) => endpoint.path === pathname);
}
