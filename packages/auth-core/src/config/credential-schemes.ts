import { MekariHmacAuth } from '../mekari/hmac-auth';
import type { MekariHmacAuthOptions } from '../mekari/hmac-auth-options';
import { QontakAccessTokenAuth } from '../access-token/access-token-auth';
import type { QontakAccessTokenAuthOptions } from '../access-token/access-token-auth-options';
import { QontakAuth } from '../password/password-auth';
import type { QontakAuthOptions } from '../password/password-auth-options';
import { configError } from '../errors/config-error';
import type { QontakAuthEnv } from './read-env';
import type { RequestAuthorizer } from '../contract/request-authorizer';

/** The options of any of the three schemes; which one is meant is told by the credential fields set. */
export type QontakCredentialOptions =
  QontakAuthOptions | QontakAccessTokenAuthOptions | MekariHmacAuthOptions;

/**
 * Settings for whichever scheme {@link authFromEnv} builds: every option but the credentials and the
 * base URL (those come from the environment). A setting the chosen scheme does not have (e.g.
 * `timeoutMs` for `MekariHmacAuth`) is ignored.
 */
export type AuthFromEnvSettings = Omit<
  QontakAuthOptions,
  'username' | 'password' | 'clientId' | 'clientSecret' | 'baseUrl'
>;

/** One credential kind: the variables and the option fields that name it, and how to build its scheme. */
interface CredentialScheme {
  /** What the user holds, for messages. */
  readonly holds: string;
  /** The environment variables that make up this credential: all set, or none. */
  readonly variables: readonly string[];
  /** The option fields that make up this credential: all set, or none. */
  readonly fields: readonly string[];
  fromEnv(env: QontakAuthEnv, settings: AuthFromEnvSettings): RequestAuthorizer;
  fromOptions(options: QontakCredentialOptions): RequestAuthorizer;
}

/** The three credential kinds Qontak users hold, in the order they are described. */
const SCHEMES: readonly CredentialScheme[] = [
  {
    holds: 'a dashboard access token',
    variables: ['QONTAK_ACCESS_TOKEN'],
    fields: ['accessToken'],
    fromEnv: (env, settings) => QontakAccessTokenAuth.fromEnv(env, settings),
    fromOptions: (options) => new QontakAccessTokenAuth(options as QontakAccessTokenAuthOptions),
  },
  {
    holds: 'a Qontak account (password grant)',
    variables: ['QONTAK_USERNAME', 'QONTAK_PASSWORD'],
    fields: ['username', 'password'],
    fromEnv: (env, settings) => QontakAuth.fromEnv(env, settings),
    fromOptions: (options) => new QontakAuth(options as QontakAuthOptions),
  },
  {
    holds: 'a Mekari API gateway client (HMAC)',
    variables: ['MEKARI_CLIENT_ID', 'MEKARI_CLIENT_SECRET'],
    fields: ['clientId', 'clientSecret'],
    fromEnv: (env, settings) => MekariHmacAuth.fromEnv(env, settings),
    fromOptions: (options) => new MekariHmacAuth(options as MekariHmacAuthOptions),
  },
];

/**
 * Every environment variable that carries a credential, the ones {@link authFromEnv} picks a scheme by:
 * `QONTAK_ACCESS_TOKEN`, `QONTAK_USERNAME`, `QONTAK_PASSWORD`, `MEKARI_CLIENT_ID`, `MEKARI_CLIENT_SECRET`.
 * When none is set, an app may fall back to something else (an embedded emulator, say).
 */
export const QONTAK_CREDENTIAL_VARIABLES: readonly string[] = Object.freeze(
  SCHEMES.flatMap((scheme) => scheme.variables),
);

const list = (names: readonly string[]) => names.join(' and ');

/**
 * The one scheme whose credential is set, by `isSet` over each scheme's `names`: more than one, half
 * of one, or none is a `config_error` saying what to remove or add.
 */
function pickScheme(
  caller: string,
  namesOf: (scheme: CredentialScheme) => readonly string[],
  isSet: (name: string) => boolean,
  candidates: readonly CredentialScheme[] = SCHEMES,
): CredentialScheme {
  const set = candidates.filter((scheme) => namesOf(scheme).some(isSet));
  if (set.length > 1) {
    const groups = set.map((scheme) => `${list(namesOf(scheme).filter(isSet))} (${scheme.holds})`);
    throw configError(
      caller,
      `the credentials of more than one scheme are set: ${groups.join('; ')}. Keep one and remove the others.`,
    );
  }
  const scheme = set[0];
  if (scheme === undefined) {
    const groups = candidates.map((each) => `${list(namesOf(each))} (${each.holds})`);
    throw configError(caller, `no credentials are set: set ${groups.join(', or ')}.`);
  }
  const missing = namesOf(scheme).filter((name) => !isSet(name));
  if (missing.length > 0) {
    const present = namesOf(scheme).filter(isSet);
    throw configError(
      caller,
      `${list(present)} ${present.length > 1 ? 'are' : 'is'} set but ${list(missing)} ${missing.length > 1 ? 'are' : 'is'} missing (${scheme.holds}): add ${list(missing)}, or remove ${list(present)}.`,
    );
  }
  return scheme;
}

/**
 * The auth scheme the environment configures, by which credential is set:
 * - `QONTAK_ACCESS_TOKEN`: a `QontakAccessTokenAuth` (a dashboard access token; `QONTAK_BASE_URL` optional);
 * - `QONTAK_USERNAME` + `QONTAK_PASSWORD`: a `QontakAuth` (the password grant; see `QontakAuth.fromEnv`);
 * - `MEKARI_CLIENT_ID` + `MEKARI_CLIENT_SECRET`: a `MekariHmacAuth` (`MEKARI_BASE_URL` optional).
 *
 * `settings` (a logger, a store, time limits, ...) go to whichever scheme it is; those it does not
 * have are ignored. Code built on the returned {@link RequestAuthorizer} does not change with the scheme.
 * @throws {QontakAuthError} `config_error` when more than one credential is set (naming the variables to
 *   remove), when half of one is set (naming the variables to add), when none is set, or when a value
 *   is invalid.
 */
export function authFromEnv(
  env: QontakAuthEnv = globalThis.process?.env ?? {},
  settings: AuthFromEnvSettings = {},
): RequestAuthorizer {
  const isSet = (name: string): boolean => (env[name] ?? '').trim() !== '';
  return pickScheme('authFromEnv', (scheme) => scheme.variables, isSet).fromEnv(env, settings);
}

/**
 * The auth scheme `options` configure, by which credential fields are set: `accessToken` (a
 * `QontakAccessTokenAuth`), `username` + `password` (a `QontakAuth`; its optional `clientId` and
 * `clientSecret` name the OAuth client), or `clientId` + `clientSecret` alone (a `MekariHmacAuth`).
 * The rest of `options` goes to that scheme's constructor.
 * @throws {QontakAuthError} `config_error` when more than one credential is set, half of one, or none,
 *   or when the scheme's constructor refuses the options.
 */
export function authFromOptions(options: QontakCredentialOptions): RequestAuthorizer {
  if (typeof options !== 'object' || options === null) {
    throw configError(
      'authFromOptions',
      'options are required (accessToken, username and password, or clientId and clientSecret).',
    );
  }
  const record = options as unknown as Record<string, unknown>;
  const isSet = (field: string): boolean =>
    typeof record[field] === 'string' && (record[field] as string).trim() !== '';
  // clientId and clientSecret also name the OAuth client of the password grant: with a username or a
  // password they belong to it, not to the gateway.
  const withAccount = isSet('username') || isSet('password');
  const candidates = withAccount ? SCHEMES.filter((scheme) => !scheme.fields.includes('clientId')) : SCHEMES;
  return pickScheme('authFromOptions', (scheme) => scheme.fields, isSet, candidates).fromOptions(options);
}
