import { subscribe } from 'node:diagnostics_channel';
import { headersOfHook, hideSentCredentials } from './redirect-guard';
import { scrubClientRequest } from './scrub-credentials';

/**
 * Node's channel for a client request that has just been sent: published from `ClientRequest#_finish`,
 * once its header block and body have been handed to the socket (or, queued, flushed to it).
 */
const REQUEST_SENT_CHANNEL = 'http.client.request.start';

/** What Node publishes on {@link REQUEST_SENT_CHANNEL}, and what is read of the request. */
interface RequestSent {
  request?: {
    /** follow-redirects' request behind each hop of axios's http adapter, with the options axios gave it. */
    _redirectable?: { _options?: { headers?: unknown; beforeRedirects?: { config?: unknown } } };
  };
}

/**
 * Scrubs one sent request when it is a hop of a request this interceptor authorized: axios's http
 * adapter hands follow-redirects the request's `beforeRedirect`, which is one of the interceptor's
 * redirect hooks (see `headersOfHook`). Every other request of the process is left alone, at the cost
 * of a few property reads. Never throws (a subscriber's exception would be thrown from a later tick).
 */
function onRequestSent(message: unknown): void {
  try {
    const request = (message as RequestSent).request;
    const options = request?._redirectable?._options;
    const added = headersOfHook(options?.beforeRedirects?.config);
    if (request === undefined || options === undefined || added === undefined) return;
    scrubClientRequest(request, added);
    hideSentCredentials(options, added);
  } catch {
    // A request of an unexpected shape is not one of ours.
  }
}

let subscribed = false;

/**
 * Makes sure every request hop (a Node `ClientRequest`) that carries this interceptor's credentials
 * has them redacted the moment Node has sent it, not only once the caller gets its answer: from the
 * hop's header block and header map, and from follow-redirects' options of the chain (where the
 * redirect guard takes them back for the next hop). A hop in flight, redirected or aborted on the wire
 * stays reachable from the keep-alive socket it used (`socket._httpMessage`), and so from every
 * response or error of any client that used that socket before it (`response.request.socket`), and
 * from the agent. Subscribes once per process to Node's `http.client.request.start` channel.
 */
export function scrubRequestsOnSend(): void {
  if (subscribed) return;
  subscribed = true;
  subscribe(REQUEST_SENT_CHANNEL, onRequestSent);
}
