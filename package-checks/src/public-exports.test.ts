import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { entryPoints, exportedNames } from './list-exports';

/**
 * The public surface of every published package, entry point by entry point, as the TypeScript
 * compiler sees the built declarations: each name a value (a class, function, constant) or a type.
 * Adding, removing or renaming an export fails this test until the list below is changed with it:
 * the public surface changes only on purpose, in review.
 */
const PINNED: Record<string, Record<string, readonly string[]>> = {
  '@qontak/auth-core': {
    '.': [
      'AuthFromEnvSettings (type)',
      'AuthorizationHeaders (type)',
      'AuthorizeRequestInput (type)',
      'FileTokenStore (value)',
      'FileTokenStoreOptions (type)',
      'GetTokenOptions (type)',
      'MEKARI_API_BASE_URL (value)',
      'MEKARI_QONTAK_HEALTH_PATH (value)',
      'MekariHmacAuth (value)',
      'MekariHmacAuthOptions (type)',
      'MemoryTokenStore (value)',
      'QONTAK_BASE_URL (value)',
      'QONTAK_CREDENTIAL_VARIABLES (value)',
      'QONTAK_HEALTH_PATH (value)',
      'QontakAccessTokenAuth (value)',
      'QontakAccessTokenAuthOptions (type)',
      'QontakApiErrorLike (type)',
      'QontakAuth (value)',
      'QontakAuthEnv (type)',
      'QontakAuthError (value)',
      'QontakAuthErrorCode (value)',
      'QontakAuthErrorOptions (type)',
      'QontakAuthOptions (type)',
      'QontakCredentialOptions (type)',
      'QontakErrorResponse (type)',
      'QontakErrorResponseBody (type)',
      'QontakLogger (type)',
      'QontakRetryOptions (type)',
      'QontakToken (value)',
      'RequestAuthorizer (value)',
      'authFromEnv (value)',
      'authFromOptions (value)',
      'isQontakApiError (value)',
      'isQontakAuthError (value)',
      'qontakErrorResponse (value)',
    ],
    './store': [
      'AcquireLockOptions (type)',
      'LockClaim (type)',
      'MAX_LOCK_WAIT_MS (value)',
      'PollForLockOptions (type)',
      'QontakToken (value)',
      'QontakTokenInit (type)',
      'TokenStore (type)',
      'TokenStoreUnlock (type)',
      'acquireLock (value)',
      'deserializeToken (value)',
      'pollForLock (value)',
      'resolveLockWaitMs (value)',
      'serializeToken (value)',
    ],
    './mekari': [
      'MekariSignRequestInput (type)',
      'MekariSigningInput (type)',
      'formatHttpDate (value)',
      'mekariSigningString (value)',
      'requestTarget (value)',
      'signMekariRequest (value)',
    ],
    './testing': [
      'MakeTokenStore (type)',
      'TokenStoreCheck (type)',
      'TokenStoreFixture (type)',
      'TokenStoreSuiteOptions (type)',
      'TokenStoreTestApi (type)',
      'describeTokenStore (value)',
      'tokenStoreChecks (value)',
    ],
    './diagnostics': [
      'QONTAK_CHANNELS (value)',
      'QontakCooldownEvent (type)',
      'QontakGrantEvent (type)',
      'QontakInvalidateEvent (type)',
    ],
    './adapter': [
      'DurationRange (type)',
      'HopByHopResponse (type)',
      'MAX_TIMER_MS (value)',
      'backoffDelay (value)',
      'configError (value)',
      'durationOption (value)',
      'fetchHopByHop (value)',
      'isPlainPathSegment (value)',
      'parseRetryAfter (value)',
      'readBoundedBody (value)',
      'redactSentCredentials (value)',
      'safeLogger (value)',
    ],
  },
  '@qontak/axios-interceptor': {
    '.': [
      'QontakAuthAttachment (type)',
      'QontakAxiosAuthError (type)',
      'QontakAxiosOptions (type)',
      'QontakAxiosRequestOptions (type)',
      'attachQontakAuth (value)',
      'createQontakAxios (value)',
      'isQontakAxiosAuthError (value)',
    ],
  },
  '@qontak/client': {
    '.': [
      'PaginateOptions (type)',
      'QONTAK_CLIENT_CHANNELS (value)',
      'QontakApiError (value)',
      'QontakApiErrorCode (value)',
      'QontakApiErrorOptions (type)',
      'QontakClient (value)',
      'QontakClientOptions (type)',
      'QontakErrorEnvelope (type)',
      'QontakListItem (type)',
      'QontakListParams (type)',
      'QontakListPath (type)',
      'QontakPaths (type)',
      'QontakRetryEvent (type)',
      'QontakRetryOptions (type)',
      'QontakSchemas (type)',
      'QontakTemplateHeaderValue (type)',
      'QontakTemplateParameters (type)',
      'QontakTemplateShape (type)',
      'QontakTemplateValues (type)',
      'createQontakClient (value)',
      'paginate (value)',
      'templateParameters (value)',
      'toFormData (value)',
    ],
  },
  '@qontak/emulator': {
    '.': [
      'ApiOperationRoute (type)',
      'BROADCAST_DELIVERED_AFTER_MS (value)',
      'BROADCAST_READ_AFTER_MS (value)',
      'BROADCAST_SENT_AFTER_MS (value)',
      'DEMO_ACCESS_TOKEN (value)',
      'DEMO_AGENT_ID (value)',
      'DEMO_CHANNEL_INTEGRATION_ID (value)',
      'DEMO_HMAC_CLIENT_ID (value)',
      'DEMO_HMAC_CLIENT_SECRET (value)',
      'DEMO_IMAGE_TEMPLATE_ID (value)',
      'DEMO_ORGANIZATION_ID (value)',
      'DEMO_PASSWORD (value)',
      'DEMO_PLAIN_TEMPLATE_ID (value)',
      'DEMO_SECOND_AGENT_ID (value)',
      'DEMO_SUPERVISOR_ID (value)',
      'DEMO_SUPPORT_CHANNEL_INTEGRATION_ID (value)',
      'DEMO_TEMPLATE_ID (value)',
      'DEMO_USERNAME (value)',
      'DEMO_WA_CHANNEL_INTEGRATION_ID (value)',
      'DirectBroadcastRequest (type)',
      'EMULATOR_DEMO_SCHEMES (value)',
      'EmulatorClient (type)',
      'EmulatorCredentialKind (type)',
      'EmulatorCustomerMessage (type)',
      'EmulatorDemoScheme (type)',
      'EmulatorFault (type)',
      'EmulatorFaults (type)',
      'EmulatorHmacClient (type)',
      'EmulatorInboundMessage (type)',
      'EmulatorIntegration (type)',
      'EmulatorMessageStatusTimings (type)',
      'EmulatorOptions (type)',
      'EmulatorRoute (type)',
      'EmulatorStats (type)',
      'EmulatorTemplate (type)',
      'EmulatorTemplateButton (type)',
      'EmulatorUser (type)',
      'EmulatorWebhookDelivery (type)',
      'EmulatorWebhookDeliveryOptions (type)',
      'EmulatorWebhookEventName (type)',
      'EmulatorWebhookOutcome (type)',
      'EmulatorWebhookTrigger (type)',
      'EmulatorWebhooks (type)',
      'FULFILLMENT_CLIENT_ID (value)',
      'FULFILLMENT_CLIENT_SECRET (value)',
      'GrantCount (type)',
      'HMAC_CLOCK_SKEW_SECONDS (value)',
      'MessageInteractionsRegistration (type)',
      'QontakEmulator (type)',
      'RefreshRotation (type)',
      'RoomInteractionsRegistration (type)',
      'SentBotMessage (type)',
      'SentBroadcast (type)',
      'SubmissionCount (type)',
      'TemplateHeaderFormat (type)',
      'startEmulator (value)',
    ],
  },
  '@qontak/express-middleware': {
    '.': [
      'QontakAuthMiddlewareOptions (type)',
      'QontakErrorHandlerOptions (type)',
      'QontakErrorLogContext (type)',
      'QontakErrorLogger (type)',
      'QontakRequestAuthorize (type)',
      'qontakAuth (value)',
      'qontakErrorHandler (value)',
    ],
    './webhooks': ['qontakWebhook (value)'],
  },
  '@qontak/nestjs': {
    '.': [
      'InjectQontakHttp (value)',
      'QontakAuthExceptionFilter (value)',
      'QontakAuthExceptionFilterOptions (type)',
      'QontakAuthModule (value)',
      'QontakAuthModuleAsyncOptions (type)',
      'QontakAuthModuleExtras (type)',
      'QontakAuthModuleForRootOptions (type)',
      'QontakAuthModuleOptions (type)',
      'QontakAuthorizerModuleOptions (type)',
      'QontakCredentialModuleOptions (type)',
    ],
    './terminus': ['QontakHealthCheckOptions (type)', 'QontakHealthIndicator (value)'],
    './webhooks': [
      'QontakWebhookHandlerModuleOptions (type)',
      'QontakWebhooksModule (value)',
      'QontakWebhooksModuleAsyncOptions (type)',
      'QontakWebhooksModuleExtras (type)',
      'QontakWebhooksModuleForRootOptions (type)',
      'QontakWebhooksModuleOptions (type)',
    ],
  },
  '@qontak/redis-store': {
    '.': [
      'RedisTokenStore (value)',
      'RedisTokenStoreOptions (type)',
      'RedisWebhookDedupeStore (value)',
      'RedisWebhookDedupeStoreOptions (type)',
    ],
  },
  '@qontak/webhooks': {
    '.': [
      'MemoryWebhookDedupeStore (value)',
      'MemoryWebhookDedupeStoreOptions (type)',
      'QontakWebhookClaim (type)',
      'QontakWebhookDedupeStore (type)',
      'QontakWebhookError (value)',
      'QontakWebhookErrorCode (value)',
      'QontakWebhookEvent (type)',
      'QontakWebhookEventName (type)',
      'QontakWebhookHandler (type)',
      'QontakWebhookHandlerOptions (type)',
      'QontakWebhookLogger (type)',
      'QontakWebhookRegistration (type)',
      'QontakWebhookRegistrationResult (type)',
      'QontakWebhookSchemas (type)',
      'QontakWebhookSettingsAnswer (type)',
      'QontakWebhookSettingsClient (type)',
      'createQontakWebhookHandler (value)',
      'isQontakWebhookError (value)',
      'qontakWebhookUrl (value)',
      'registerQontakWebhooks (value)',
    ],
    './node': ['NodeRequestOptions (type)', 'handleNodeRequest (value)'],
    './testing': [
      'MakeWebhookDedupeStore (type)',
      'QontakWebhookEventOf (type)',
      'WebhookDedupeStoreSuiteOptions (type)',
      'WebhookDedupeStoreTestApi (type)',
      'describeWebhookDedupeStore (value)',
      'qontakWebhookExample (value)',
    ],
  },
};

const require = createRequire(import.meta.url);

/** The value names of a pinned list (what exists at run time). */
function valueNames(names: readonly string[]): string[] {
  return names.filter((name) => name.endsWith(' (value)')).map((name) => name.replace(' (value)', ''));
}

describe.each(Object.entries(PINNED))('%s', (packageName, entries) => {
  it('has exactly the pinned entry points', () => {
    expect(entryPoints(packageName)).toEqual(Object.keys(entries));
  });

  it.each(Object.entries(entries))('%s exports exactly the pinned names (declarations)', (entry, names) => {
    expect(exportedNames(packageName, entry)).toEqual([...names].sort());
  });

  it.each(Object.entries(entries))(
    '%s exports the pinned values at run time, in ESM and in CommonJS',
    async (entry, names) => {
      const specifier = entry === '.' ? packageName : `${packageName}/${entry.slice(2)}`;
      const expected = valueNames(names).sort();
      const esm = (await import(specifier)) as Record<string, unknown>;
      expect(
        Object.keys(esm)
          .filter((key) => key !== 'default')
          .sort(),
      ).toEqual(expected);
      const cjs = require(specifier) as Record<string, unknown>;
      expect(Object.keys(cjs).sort()).toEqual(expected);
    },
  );
});
