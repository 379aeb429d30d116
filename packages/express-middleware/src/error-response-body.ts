/** The JSON body {@link qontakErrorHandler} answers with. */
export interface QontakErrorResponseBody {
  /**
   * With details exposed, the `QontakAuthError`'s code (`invalid_grant`, `network_error`, ...).
   * Otherwise one of `bad_gateway` (502), `service_unavailable` (503), `internal_server_error` (500).
   */
  error: string;
  /**
   * With details exposed, the error's message (what happened and what to do; never a password, client
   * secret or token, but it may name the token endpoint's host and port). Otherwise a sentence an end
   * user can act on, with no detail about the upstream service or this service's credentials.
   */
  message: string;
}

const GENERIC_BODIES: Readonly<Record<number, QontakErrorResponseBody>> = {
  502: { error: 'bad_gateway', message: 'The upstream service refused this request.' },
  503: { error: 'service_unavailable', message: 'The upstream service is unavailable; try again later.' },
};

const INTERNAL_SERVER_ERROR_BODY: QontakErrorResponseBody = {
  error: 'internal_server_error',
  message: 'The server could not handle this request.',
};

/**
 * The body an end user gets for `status` when details are not exposed: it says only what the user can
 * act on (try again later, or nothing), never which service failed, how, or why. Statuses other than
 * 502 and 503 get the 500 body.
 */
export function genericErrorBody(status: number): QontakErrorResponseBody {
  return { ...(GENERIC_BODIES[status] ?? INTERNAL_SERVER_ERROR_BODY) };
}
