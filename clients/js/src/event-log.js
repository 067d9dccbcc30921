/**
 * An append-only list of events that any number of async iterators read from the beginning, so an iterator
 * started after the first frames arrived still sees every event exactly once. It ends after its last event.
 *
 * @template T
 */
export class EventLog {
  /** @type {T[]} */
  #events = [];
  #ended = false;
  /** @type {Set<() => void>} */
  #waiters = new Set();

  /** @param {T} event */
  push(event) {
    if (this.#ended) return;
    this.#events.push(event);
    this.#wake();
  }

  end() {
    this.#ended = true;
    this.#wake();
  }

  #wake() {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }

  /** @returns {AsyncIterator<T>} */
  [Symbol.asyncIterator]() {
    let index = 0;
    let stopped = false;
    return {
      next: async () => {
        while (!stopped && index >= this.#events.length && !this.#ended) {
          await new Promise((resolve) => this.#waiters.add(() => resolve(undefined)));
        }
        return !stopped && index < this.#events.length
          ? { value: this.#events[index++], done: false }
          : { value: undefined, done: true };
      },
      return: async () => {
        stopped = true;
        return { value: undefined, done: true };
      },
    };
  }
}
