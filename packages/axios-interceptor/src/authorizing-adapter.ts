import axios, { type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';

/** What `config.adapter` may hold: a name, an adapter function, or a priority list of them. */
type AdapterSetting = InternalAxiosRequestConfig['adapter'];

/**
 * Makes the adapters of one attached instance: each runs `prepare` on the request's final config
 * (after every request interceptor, whatever order they were added in) and then sends it with the
 * adapter the original setting names. One adapter per setting is made and reused.
 */
export class AuthorizingAdapters {
  readonly #prepare: (config: InternalAxiosRequestConfig) => Promise<void>;
  /** Each adapter made here -> the setting it wraps. */
  readonly #wrapped = new WeakMap<AxiosAdapter, AdapterSetting>();
  /** Adapters made for settings that are names (or lists of names), by the names. */
  readonly #byName = new Map<string, AxiosAdapter>();
  /** Adapters made for settings that are adapter functions. */
  readonly #byFunction = new WeakMap<AxiosAdapter, AxiosAdapter>();

  constructor(prepare: (config: InternalAxiosRequestConfig) => Promise<void>) {
    this.#prepare = prepare;
  }

  /** The adapter to put in `config.adapter` in place of `setting` (an adapter of this instance is unwrapped first). */
  for(setting: AdapterSetting): AxiosAdapter {
    const original =
      typeof setting === 'function' && this.#wrapped.has(setting) ? this.#wrapped.get(setting) : setting;
    const name =
      typeof original === 'string'
        ? original
        : Array.isArray(original) && original.every((item) => typeof item === 'string')
          ? original.join(',')
          : undefined;
    let adapter = name === undefined ? undefined : this.#byName.get(name);
    if (adapter === undefined && typeof original === 'function') adapter = this.#byFunction.get(original);
    if (adapter !== undefined) return adapter;
    adapter = this.#make(original);
    if (name !== undefined) this.#byName.set(name, adapter);
    else if (typeof original === 'function') this.#byFunction.set(original, adapter);
    return adapter;
  }

  #make(original: AdapterSetting): AxiosAdapter {
    const prepare = this.#prepare;
    const adapter: AxiosAdapter = async (config) => {
      await prepare(config);
      return axios.getAdapter(original ?? axios.defaults.adapter, config)(config);
    };
    this.#wrapped.set(adapter, original);
    return adapter;
  }
}
