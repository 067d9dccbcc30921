/**
 * Waits (in real time, for socket I/O) until `condition` holds, calling `step` between checks — e.g. moving a
 * fake clock so a zero-delay reconnect timer fires. The deadline only stops a broken test from hanging.
 *
 * @param {() => boolean} condition
 * @param {{ step?: () => void, timeoutMs?: number, what?: string }} [options]
 */
export async function until(condition, { step, timeoutMs = 5000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    step?.();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Lets pending socket I/O settle, for asserting that something did NOT happen. */
export function settle(ms = 30) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
