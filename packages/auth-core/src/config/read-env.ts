import { QontakAuthError, QontakAuthErrorCode } from '../errors/auth-error';

/** The environment variables a scheme's `fromEnv` reads (default `process.env`). */
export type QontakAuthEnv = Readonly<Record<string, string | undefined>>;

/** Which environment variable fills each option, and whether it is required. */
type EnvSpec<K extends string> = Readonly<
  Record<K, { readonly variable: string; readonly required?: boolean }>
>;

/** `env[name]`, or `undefined` when unset or blank. */
function envValue(env: QontakAuthEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * The options `spec` reads from `env`, with `overrides` winning over the environment: the one
 * environment reader of every scheme's `fromEnv`.
 * @throws {QontakAuthError} `config_error` from `caller` naming every required variable that is missing
 *   (and not given in `overrides`).
 */
export function optionsFromEnv<K extends string, O extends object>(
  caller: string,
  env: QontakAuthEnv,
  spec: EnvSpec<K>,
  overrides: O,
): O & Partial<Record<K, string>> {
  const given = overrides as Partial<Record<string, unknown>>;
  const merged: Record<string, unknown> = { ...given };
  const missing: string[] = [];
  for (const [field, { variable, required }] of Object.entries(spec) as Array<[K, EnvSpec<K>[K]]>) {
    if (given[field] !== undefined) continue;
    const value = envValue(env, variable);
    if (value !== undefined) merged[field] = value;
    else if (required) missing.push(variable);
  }
  if (missing.length > 0) {
    throw new QontakAuthError(
      QontakAuthErrorCode.ConfigError,
      `${caller}: missing environment variable${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
    );
  }
  return merged as O & Partial<Record<K, string>>;
}
