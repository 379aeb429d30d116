import type { ApiCaller } from '../auth/authenticate';
import type { EmulatorContext } from '../server/context';
import type { ApiOperationRoute } from '../faults/fault-injector';
import type { Reply } from '../server/reply';
import type { CountedSubmission } from '../state/stats';

/** One authenticated request to an Open API operation. */
export interface ApiCall {
  readonly ctx: EmulatorContext;
  readonly caller: ApiCaller;
  readonly url: URL;
  /** The path parameters, percent-decoded, in order (e.g. the broadcast id of the log route). */
  readonly params: readonly string[];
}

interface OperationBase {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path below the base path (`/api/open` or `/qontak/chat`), capturing path parameters. */
  readonly path: RegExp;
  /** The route name for faults and stats, the same under both base paths... */
  readonly route: 'health' | ApiOperationRoute;
  /** ...except health's, which keeps its own name behind the gateway. */
  readonly gatewayRoute?: 'gateway-health';
  /** Authenticated answers of this operation count as accepted (2xx) or rejected in these stats. */
  readonly counts?: CountedSubmission;
}

/**
 * One operation of the Open API: implemented once, mounted under both base paths, each with its own
 * authenticator. The dispatcher reads the body it declares (none, JSON, multipart, or either of the two
 * as the request's `Content-Type` says, a form then read as an object of its fields) before calling it.
 */
export type ApiOperation =
  | (OperationBase & { readonly body: 'none'; handle(call: ApiCall): Reply })
  | (OperationBase & {
      readonly body: 'json' | 'json-or-multipart';
      handle(call: ApiCall, body: unknown): Reply;
    })
  | (OperationBase & {
      readonly body: 'multipart';
      handle(call: ApiCall, form: FormData): Reply | Promise<Reply>;
    });
