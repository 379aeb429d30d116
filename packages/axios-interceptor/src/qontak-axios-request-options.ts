/**
 * Options of one request, under its `qontakAuth` key (`axios.get(url, { qontakAuth: { … } })`).
 * `qontakAuth: false` sends the request without Qontak auth.
 */
export interface QontakAxiosRequestOptions {
  /**
   * Whether a 401 to this request (sent with Qontak credentials) is replayed once with fresh ones.
   * Default: the instance's {@link QontakAxiosOptions.replayOnUnauthorized} (itself `true`).
   * A request whose body is a one-shot stream is never replayed.
   */
  replayOnUnauthorized?: boolean | undefined;
}

/** Options of {@link attachQontakAuth} and {@link createQontakAxios}, for every request of the instance. */
export interface QontakAxiosOptions {
  /**
   * Whether a 401 from Qontak to a request this interceptor authorized is replayed once, after the
   * credentials it carried are dropped. Default `true`. Either way the 401 drops those credentials.
   */
  replayOnUnauthorized?: boolean | undefined;
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * Qontak auth for this request (`@qontak/axios-interceptor`): `false` to send it without
     * credentials, or {@link QontakAxiosRequestOptions}. Default: authorized when its URL is under
     * the API base path on Qontak's origin.
     */
    qontakAuth?: false | QontakAxiosRequestOptions | undefined;
  }
}
