/** The app environments in which {@link qontakErrorHandler} answers with details by default. */
const DETAIL_ENVS: ReadonlySet<string> = new Set(['development', 'test']);

/**
 * The default of `exposeDetails`: `true` only when the app's env (`app.get('env')`) is `'development'`
 * or `'test'` AND `NODE_ENV` is set. Express sets the env to `process.env.NODE_ENV || 'development'`,
 * so an app started without `NODE_ENV` (a container that forgot it) would otherwise count as a
 * development app and show its internals to the world; that fallback does not count here. Any other
 * env (`'production'`, `'staging'`, ...) is generic.
 */
export function exposesDetailsByDefault(appEnv: unknown, nodeEnv: string | undefined): boolean {
  return typeof appEnv === 'string' && DETAIL_ENVS.has(appEnv) && nodeEnv !== undefined && nodeEnv !== '';
}
