import { QontakApiError, QontakApiErrorCode } from './qontak-api-error';

/**
 * Runs `call` (one call of the client: credentials, request, redirects, a replay, the answer read and
 * parsed) with a signal that aborts after `timeoutMs` or when `callerSignal` aborts, whichever comes
 * first. `operation` (e.g. `GET /v1/health`) names the call in the error.
 * @throws {QontakApiError} `timeout` when `timeoutMs` passed first; the caller's own reason when its
 *   signal aborted; otherwise what `call` throws.
 */
export async function withDeadline<T>(
  operation: string,
  timeoutMs: number,
  callerSignal: AbortSignal | null | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const forwardAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) forwardAbort();
  else callerSignal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    return await call(controller.signal);
  } catch (error) {
    if (!timedOut) throw error;
    throw new QontakApiError(
      QontakApiErrorCode.Timeout,
      `Qontak's answer to ${operation} did not arrive within timeoutMs (${timeoutMs} ms); the request was aborted.`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', forwardAbort);
  }
}
