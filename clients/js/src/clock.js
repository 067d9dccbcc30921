/**
 * The clock the client reads and sets timers with. Tests pass their own so they can move time instead of sleeping.
 *
 * @typedef {object} Clock
 * @property {() => number} now milliseconds since an arbitrary epoch.
 * @property {(callback: () => void, ms: number) => unknown} setTimeout
 * @property {(handle: unknown) => void} clearTimeout
 */

/** @type {Clock} */
export const systemClock = Object.freeze({
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(/** @type {any} */ (handle)),
});
