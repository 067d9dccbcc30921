/** A clock that only moves when a test says so; due timers fire in time order. */
export class FakeClock {
  #now;
  #nextId = 1;
  /** @type {Map<number, { at: number, callback: () => void, delay: number }>} */
  #timers = new Map();
  /** Every delay a timer was set with, in order (tests read the backoff from it). */
  delays = [];

  constructor(start = Date.parse('2026-11-30T00:00:00Z')) {
    this.#now = start;
  }

  now = () => this.#now;

  setTimeout = (callback, ms) => {
    const id = this.#nextId++;
    const delay = Math.max(0, Number(ms) || 0);
    this.delays.push(delay);
    this.#timers.set(id, { at: this.#now + delay, callback, delay });
    return id;
  };

  clearTimeout = (id) => {
    this.#timers.delete(/** @type {number} */ (id));
  };

  /** Timers that are set, with their delays (for assertions). */
  pending() {
    return [...this.#timers.values()].map((t) => ({ delay: t.delay, dueIn: t.at - this.#now }));
  }

  /** Moves time forward, firing every timer that falls due on the way (including ones those timers set). */
  advance(ms) {
    const target = this.#now + ms;
    for (;;) {
      let next;
      for (const [id, timer] of this.#timers) {
        if (timer.at <= target && (next === undefined || timer.at < next[1].at)) next = [id, timer];
      }
      if (!next) break;
      this.#timers.delete(next[0]);
      this.#now = Math.max(this.#now, next[1].at);
      next[1].callback();
    }
    this.#now = target;
  }
}
