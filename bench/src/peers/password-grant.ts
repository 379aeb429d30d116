import type { Agent } from 'node:http';
import {
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_ID,
  FULFILLMENT_CLIENT_SECRET,
} from '@qontak/emulator';
import axios from 'axios';

/**
 * What the peers do to get a token: a plain `POST /oauth/token` password grant (Qontak's documented
 * request), with the global axios so no interceptor of the instance under test sees it.
 */
export async function passwordGrant(baseUrl: string, httpAgent: Agent): Promise<string> {
  const { data } = await axios.post<{ access_token: string }>(
    `${baseUrl}/oauth/token`,
    {
      grant_type: 'password',
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
      client_id: FULFILLMENT_CLIENT_ID,
      client_secret: FULFILLMENT_CLIENT_SECRET,
    },
    { httpAgent },
  );
  return data.access_token;
}
