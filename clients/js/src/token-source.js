/** Tokens are renewed this long before they expire, so a connect never carries one that lapses in flight. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Caches the token from the application's `getToken` until it expires or a connect suggests it was refused.
 * The token itself is only ever put in the connect URL; it is never logged or reported.
 */
export class TokenSource {
  #getToken;
  #clock;
  /** @type {{ token: string, expiresAt: number } | null} */
  #cached = null;
  #forceRefresh = false;
  /** @type {Promise<string> | null} */
  #inFlight = null;

  /**
   * @param {(request: { forceRefresh: boolean }) => Promise<string | { token: string, expiresAt?: string | number }>} getToken
   * @param {import('./clock.js').Clock} clock
   */
  constructor(getToken, clock) {
    this.#getToken = getToken;
    this.#clock = clock;
  }

  /** Forgets the cached token; the next `get` asks with `forceRefresh: true`. */
  invalidate() {
    this.#cached = null;
    this.#forceRefresh = true;
  }

  /** @returns {Promise<string>} */
  get() {
    if (this.#cached && this.#cached.expiresAt - EXPIRY_MARGIN_MS > this.#clock.now()) {
      return Promise.resolve(this.#cached.token);
    }
    this.#inFlight ??= this.#fetch().finally(() => { this.#inFlight = null; });
    return this.#inFlight;
  }

  async #fetch() {
    const forceRefresh = this.#forceRefresh;
    const result = await this.#getToken({ forceRefresh });
    const token = typeof result === 'string' ? result : result?.token;
    if (typeof token !== 'string' || token.length === 0) throw new TypeError('getToken returned no token');
    const expiresAt = typeof result === 'object' && result.expiresAt !== undefined
      ? new Date(result.expiresAt).getTime()
      : Number.POSITIVE_INFINITY;
    this.#forceRefresh = false;
    this.#cached = { token, expiresAt: Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt };
    return token;
  }
}
