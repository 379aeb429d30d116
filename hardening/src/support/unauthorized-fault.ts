import type { EmulatorFault } from '@qontak/emulator';

/**
 * An emulator fault that answers the API the way Qontak answers a token it does not accept: 401, an
 * empty `text/html` body and Doorkeeper's `WWW-Authenticate` challenge (served before authentication,
 * so whatever token the request carries).
 */
export function unauthorizedFault(): EmulatorFault {
  return {
    type: 'raw',
    status: 401,
    headers: {
      'content-type': 'text/html',
      'www-authenticate':
        'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid"',
    },
    body: '',
  };
}
