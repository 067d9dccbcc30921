/**
 * One WebSocket and its timers: the keep-alive that beats API Gateway's idle limit and the rotation that beats its
 * connection lifetime. It reports what happens and leaves every decision to the client.
 */
export class Link {
  #ws;
  #clock;
  #events;
  #keepAliveMs;
  #idleTimer = /** @type {unknown} */ (undefined);
  #ageTimer = /** @type {unknown} */ (undefined);
  #open = false;
  #down = false;
  #retired = false;

  /**
   * @param {new (url: string) => any} WebSocketCtor
   * @param {string} url
   * @param {import('./clock.js').Clock} clock
   * @param {{ opened: (l: Link) => void, frame: (l: Link, frame: any) => void, down: (l: Link, wasOpen: boolean) => void,
   *   idle: (l: Link) => void, old: (l: Link) => void }} events
   * @param {{ keepAliveMs: number, rotateAfterMs: number }} limits
   */
  constructor(WebSocketCtor, url, clock, events, limits) {
    this.#clock = clock;
    this.#events = events;
    this.#keepAliveMs = limits.keepAliveMs;
    const ws = new WebSocketCtor(url);
    this.#ws = ws;
    ws.addEventListener('open', () => {
      if (this.#down) return;
      this.#open = true;
      this.#armIdle();
      this.#ageTimer = clock.setTimeout(() => events.old(this), limits.rotateAfterMs);
      events.opened(this);
    });
    ws.addEventListener('message', (event) => this.#onMessage(event.data));
    ws.addEventListener('close', () => this.#onDown());
    // Browsers follow every error with close; treating error as the end too keeps a missing close harmless.
    ws.addEventListener('error', () => this.#onDown());
  }

  get isOpen() { return this.#open && !this.#down; }

  /** @param {object} payload @returns {boolean} false when the socket could not take it. */
  send(payload) {
    if (!this.isOpen) return false;
    try {
      this.#ws.send(JSON.stringify(payload));
    } catch {
      return false;
    }
    this.#armIdle();
    return true;
  }

  /** Closes the socket on purpose: no `down` report follows. */
  retire() {
    if (this.#retired) return;
    this.#retired = true;
    this.#stopTimers();
    this.#down = true;
    try {
      this.#ws.close(1000, 'client done');
    } catch {
      // Closing a socket that never opened may throw; it is gone either way.
    }
  }

  #armIdle() {
    this.#clock.clearTimeout(this.#idleTimer);
    // Only client messages reset API Gateway's idle timer, so the beat is measured from the last send.
    this.#idleTimer = this.#clock.setTimeout(() => this.#events.idle(this), this.#keepAliveMs);
  }

  #onMessage(data) {
    if (this.#down) return;
    let frame;
    try {
      frame = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(/** @type {any} */ (data)));
    } catch {
      return;
    }
    if (frame !== null && typeof frame === 'object' && !Array.isArray(frame)) this.#events.frame(this, frame);
  }

  #onDown() {
    if (this.#down) return;
    this.#down = true;
    this.#stopTimers();
    const wasOpen = this.#open;
    this.#open = false;
    this.#events.down(this, wasOpen);
  }

  #stopTimers() {
    this.#clock.clearTimeout(this.#idleTimer);
    this.#clock.clearTimeout(this.#ageTimer);
  }
}
