/**
 * Reconnect delay with exponential backoff and "full jitter": a uniform pick in [0, ceiling), so clients that lost
 * their sockets together (a deploy, a gateway blip) do not come back in one synchronised wave.
 *
 * @param {number} attempt 0 for the first retry after a failure.
 * @param {{ baseMs?: number, maxMs?: number }} [limits]
 * @param {() => number} [random] returns a number in [0, 1).
 * @returns {number} whole milliseconds, at least 0 and below min(maxMs, baseMs * 2^attempt) (0 when that is 0).
 */
export function backoffDelay(attempt, limits = {}, random = Math.random) {
  const baseMs = limits.baseMs ?? 500;
  const maxMs = limits.maxMs ?? 30_000;
  // Capping the exponent keeps 2^n finite; the ceiling is reached long before.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(r * ceiling);
}
