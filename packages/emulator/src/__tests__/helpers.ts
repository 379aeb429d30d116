import { afterEach } from 'vitest';
import {
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_ID,
  FULFILLMENT_CLIENT_SECRET,
  startEmulator,
} from '../index';
import type { EmulatorOptions, QontakEmulator } from '../index';

const running: QontakEmulator[] = [];

/** Starts an emulator that is closed after the current test. */
export function useEmulator(): (options?: EmulatorOptions) => Promise<QontakEmulator> {
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  });
  return async (options) => {
    const emulator = await startEmulator(options);
    running.push(emulator);
    return emulator;
  };
}

export const CLIENT = { client_id: FULFILLMENT_CLIENT_ID, client_secret: FULFILLMENT_CLIENT_SECRET };
export const PASSWORD_GRANT = {
  grant_type: 'password',
  username: DEMO_USERNAME,
  password: DEMO_PASSWORD,
  ...CLIENT,
};

export interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  created_at: number;
}

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export function postForm(
  url: string,
  body: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(body).toString(),
  });
}

export async function passwordGrant(emulator: QontakEmulator): Promise<TokenBody> {
  const res = await postJson(`${emulator.url}/oauth/token`, PASSWORD_GRANT);
  if (res.status !== 200) throw new Error(`password grant answered ${res.status}`);
  return (await res.json()) as TokenBody;
}

export async function refreshGrant(emulator: QontakEmulator, refreshToken: string): Promise<Response> {
  return postJson(`${emulator.url}/oauth/token`, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    ...CLIENT,
  });
}

export function health(emulator: QontakEmulator, accessToken?: string, scheme = 'Bearer'): Promise<Response> {
  return fetch(`${emulator.url}/api/open/v1/health`, {
    headers: accessToken === undefined ? {} : { Authorization: `${scheme} ${accessToken}` },
  });
}

export function challengeOf(res: Response): string | null {
  return res.headers.get('www-authenticate');
}

export const INVALID_GRANT_DESCRIPTION =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';
export const INVALID_CLIENT_DESCRIPTION =
  'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.';
export const MALFORMED_DESCRIPTION =
  'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.';
