import { EventLog } from './event-log.js';

/**
 * What the answer needs from the client that owns it.
 *
 * @typedef {object} AnswerHost
 * @property {import('./clock.js').Clock} clock
 * @property {(answer: Answer) => void} sendAttempt sends (or queues) the question as a fresh attempt.
 * @property {(answer: Answer) => boolean} sendCancel false when no open socket could carry the cancel.
 * @property {(answer: Answer) => void} ended
 * @property {(answer: Answer) => void} reauthenticate sends the question again on a new socket with a fresh token.
 */

/**
 * @typedef {object} RetryPolicy
 * @property {Set<string>} codes error codes retried after `retryAfterMs` when they refuse a request outright.
 * @property {number} maxAttempts attempts in all, the first one included.
 * @property {number} defaultDelayMs used when a refusal carries no `retryAfterMs`.
 * @property {number} maxResends fresh sends after a resume found nothing to continue and no text was shown yet.
 */

/** Errors a resume can end with when the answer cannot be continued; safe to ask again while nothing was shown. */
const RESENDABLE = new Set(['client_gone', 'resume_unavailable']);

/** Room left in a 128-character id for an attempt suffix (`~2`, `~3`, …). */
const MAX_WIRE_BASE_CHARS = 120;

/** Frames held while an earlier seq is missing; a bound keeps a misbehaving server from growing memory. */
const MAX_PENDING_FRAMES = 4096;

/**
 * One question and its streamed answer. Frames are applied strictly in `seq` order, each once, so the text the
 * application sees is the model's text exactly once and in order across drops, resumes and replays.
 */
export class Answer {
  /** @type {AnswerHost} */
  #host;
  /** @type {RetryPolicy} */
  #retry;
  /** @type {import('../index').AnswerHandlers} */
  #handlers;
  /** @type {EventLog<import('../index').AnswerEvent>} */
  #events = new EventLog();
  /** @type {string[]} */
  #text = [];
  /** @type {Map<number, any>} */
  #pending = new Map();
  #expectedSeq = 0;
  #attempts = 0;
  #resends = 0;
  #startShown = false;
  #reauthenticated = false;
  #countdown = /** @type {unknown} */ (undefined);
  /** @type {(value: import('../index').AnswerEnd) => void} */
  #resolveResult = () => {};

  /**
   * @param {AnswerHost} host
   * @param {{ requestId: string, sessionId: string, message: string, action: 'sendMessage' | 'analyze',
   *   retry: RetryPolicy, handlers?: import('../index').AnswerHandlers }} init
   */
  constructor(host, init) {
    this.#host = host;
    this.#retry = init.retry;
    this.#handlers = init.handlers ?? {};
    this.requestId = init.requestId;
    /**
     * The requestId the current attempt went out with. The service answers an id once per connection (a second
     * message with it is ignored), so every fresh attempt after the first carries its own: `<requestId>~<attempt>`.
     */
    this.wireId = init.requestId;
    this.sessionId = init.sessionId;
    this.message = init.message;
    this.action = init.action;
    /** 'queued' (waiting for a socket), 'sent', 'waiting' (retry countdown) or 'ended'. */
    this.state = 'queued';
    /** True once `cancel()` was called. */
    this.cancelRequested = false;
    /** The link the request was last sent or resumed on (the client's business). */
    this.link = /** @type {unknown} */ (null);
    /** @type {import('../index').Citation[]} */
    this.citations = [];
    /** @type {string | undefined} */
    this.model = undefined;
    /** @type {Promise<import('../index').AnswerEnd>} */
    this.result = new Promise((resolve) => { this.#resolveResult = resolve; });
  }

  /** The answer's text so far. */
  get text() { return this.#text.join(''); }

  /** The seq of the last frame applied, or -1: what a resume asks to continue after. */
  get lastSeq() { return this.#expectedSeq - 1; }

  get ended() { return this.state === 'ended'; }

  /** Whether frames wait for an earlier seq that has not arrived. */
  get hasGap() { return this.#pending.size > 0; }

  /** @returns {AsyncIterator<import('../index').AnswerEvent>} */
  [Symbol.asyncIterator]() { return this.#events[Symbol.asyncIterator](); }

  /** Stops the answer. Ends at once when the service never saw it; otherwise the service's `cancelled` ends it. */
  cancel() {
    if (this.ended || this.cancelRequested) return;
    this.cancelRequested = true;
    if (this.state !== 'sent' || !this.#host.sendCancel(this)) {
      this.#end({ kind: 'cancelled', code: 'cancelled', retryable: false });
    }
  }

  /** The requestId the next fresh attempt goes out with. */
  nextWireId() {
    return this.#attempts === 0 ? this.requestId : `${this.requestId.slice(0, MAX_WIRE_BASE_CHARS)}~${this.#attempts + 1}`;
  }

  /**
   * Called by the client for each fresh send that went out: a new attempt numbers its frames from 0 again.
   * @param {string} wireId the requestId it went out with ({@link nextWireId})
   */
  beginAttempt(wireId) {
    this.#attempts += 1;
    this.wireId = wireId;
    this.#expectedSeq = 0;
    this.#pending.clear();
  }

  /** @param {any} frame a parsed service frame carrying this answer's requestId. */
  receive(frame) {
    if (this.ended) return;
    if (frame.type === 'error' && frame.code === 'unknown_request') {
      // The cancel reached a connection that does not own the request (it was resumed elsewhere): stop showing it.
      if (this.cancelRequested) this.#end({ kind: 'cancelled', code: 'cancelled', retryable: false });
      return;
    }

    const seq = frame.seq;
    if (!Number.isSafeInteger(seq) || seq < this.#expectedSeq) return;
    if (seq > this.#expectedSeq) {
      if (this.#pending.size < MAX_PENDING_FRAMES) this.#pending.set(seq, frame);
      return;
    }

    this.#apply(frame);
    while (!this.ended && this.#pending.has(this.#expectedSeq)) {
      const next = this.#pending.get(this.#expectedSeq);
      this.#pending.delete(this.#expectedSeq);
      this.#apply(next);
    }
  }

  /**
   * Ends the answer from the client's side (connection given up, client closed).
   * @param {string} code
   * @param {string} message
   */
  abandon(code, message) {
    if (this.ended) return;
    this.#end({ kind: this.#text.length > 0 ? 'partial' : 'error', code, message, retryable: true });
  }

  #apply(frame) {
    this.#expectedSeq += 1;
    switch (frame.type) {
      case 'start':
        this.model = typeof frame.model === 'string' ? frame.model : undefined;
        // A fresh send after a lost resume starts again at seq 0; the application saw one start already.
        if (!this.#startShown) {
          this.#startShown = true;
          this.#emit({ type: 'start', model: this.model }, this.#handlers.onStart);
        }
        break;
      case 'delta':
        if (typeof frame.text === 'string' && frame.text.length > 0) {
          this.#text.push(frame.text);
          this.#emit({ type: 'delta', text: frame.text }, this.#handlers.onDelta);
        }
        break;
      case 'citations':
        this.citations = readCitations(frame.items);
        this.#emit({ type: 'citations', items: this.citations }, this.#handlers.onCitations);
        break;
      case 'done':
        this.#end({
          kind: 'done', stopReason: frame.stopReason, usage: frame.usage, cached: frame.cached === true, model: frame.model,
        });
        break;
      case 'error':
        this.#onError(frame);
        break;
      default:
        // Frame types added later are skipped; their seq still counts so order holds.
        break;
    }
  }

  #onError(frame) {
    const code = typeof frame.code === 'string' ? frame.code : 'internal_error';
    const refusedOutright = frame.seq === 0;
    if (refusedOutright && this.#retry.codes.has(code) && this.#attempts < this.#retry.maxAttempts && !this.cancelRequested) {
      this.#startCountdown(code, Number.isFinite(frame.retryAfterMs) ? Math.max(0, frame.retryAfterMs) : this.#retry.defaultDelayMs);
      return;
    }

    if (code === 'unauthorized' && refusedOutright && !this.#reauthenticated && !this.cancelRequested) {
      // The socket carries no (valid) identity: one fresh token and socket, then the refusal stands.
      this.#reauthenticated = true;
      this.#host.reauthenticate(this);
      return;
    }

    if (RESENDABLE.has(code) && this.#text.length === 0 && this.#resends < this.#retry.maxResends && !this.cancelRequested) {
      // Nothing was shown yet, so asking again cannot duplicate text the shopper already read.
      this.#resends += 1;
      this.#host.sendAttempt(this);
      return;
    }

    const kind = code === 'cancelled' ? 'cancelled' : this.#text.length > 0 ? 'partial' : 'error';
    this.#end({
      kind,
      code,
      message: typeof frame.message === 'string' ? frame.message : undefined,
      retryable: frame.retryable === true,
      retryAfterMs: Number.isFinite(frame.retryAfterMs) ? frame.retryAfterMs : undefined,
    });
  }

  /**
   * Waits `delayMs`, telling the application the time left about once a second, then asks again.
   * @param {string} code
   * @param {number} delayMs
   */
  #startCountdown(code, delayMs) {
    this.state = 'waiting';
    const clock = this.#host.clock;
    const dueAt = clock.now() + delayMs;
    const attempt = this.#attempts;
    const tick = () => {
      if (this.ended) return;
      const remainingMs = Math.max(0, dueAt - clock.now());
      this.#emit({ type: 'retry', code, attempt, maxAttempts: this.#retry.maxAttempts, remainingMs }, this.#handlers.onRetry);
      if (remainingMs === 0) {
        this.#countdown = undefined;
        this.#host.sendAttempt(this);
        return;
      }
      this.#countdown = clock.setTimeout(tick, Math.min(1000, remainingMs));
    };
    tick();
  }

  /** @param {import('../index').AnswerEnd} end */
  #end(end) {
    if (this.ended) return;
    this.state = 'ended';
    if (this.#countdown !== undefined) this.#host.clock.clearTimeout(this.#countdown);
    this.#pending.clear();
    this.#emit({ type: 'end', ...end }, this.#handlers.onEnd);
    this.#events.end();
    this.#resolveResult(end);
    this.#host.ended(this);
  }

  /**
   * @param {import('../index').AnswerEvent} event
   * @param {((event: any, answer: Answer) => void) | undefined} handler
   */
  #emit(event, handler) {
    this.#events.push(event);
    if (!handler) return;
    try {
      handler(event, this);
    } catch (error) {
      // An application bug must not break the stream; rethrown outside so it is still reported.
      queueMicrotask(() => { throw error; });
    }
  }
}

/**
 * Keeps the fields a product card shows, as strings/numbers only (the service may add fields later).
 * @param {unknown} items
 * @returns {import('../index').Citation[]}
 */
function readCitations(items) {
  if (!Array.isArray(items)) return [];
  return items
    .filter((item) => item !== null && typeof item === 'object')
    .map((item) => ({
      id: String(item.id ?? ''),
      title: String(item.title ?? ''),
      url: String(item.url ?? ''),
      ...(typeof item.japaneseTitle === 'string' ? { japaneseTitle: item.japaneseTitle } : {}),
      ...(Number.isFinite(item.priceJpy) ? { priceJpy: item.priceJpy } : {}),
    }));
}
