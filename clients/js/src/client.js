import { Answer } from './answer.js';
import { backoffDelay } from './backoff.js';
import { systemClock } from './clock.js';
import { Link } from './link.js';
import { SeamWatch } from './seam-watch.js';
import { TokenSource } from './token-source.js';

const MAX_MESSAGE_CHARS = 4000;
const MAX_ID_CHARS = 128;
const KEEP_ALIVE_PREFIX = 'keepalive-';

/**
 * The messages API Gateway itself sends when a route's integration failed (the task it reached died, or took longer
 * than 29 s). They carry the gateway's own request id, not the client's, so they name no answer.
 */
const GATEWAY_FAILURES = new Set(['Internal server error', 'Endpoint request timed out']);
/** How long after such a failure the unanswered questions are resumed: the load balancer's health check needs a moment. */
const GATEWAY_FAILURE_RETRY_MS = 500;

/** API Gateway closes a connection idle for 10 minutes (client messages count, server frames do not). */
const DEFAULT_KEEP_ALIVE_MS = 8 * 60_000;
/** API Gateway closes every connection after 2 hours; the client moves to a new one a little before. */
const DEFAULT_ROTATE_AFTER_MS = 110 * 60_000;

/**
 * A MangaAssist chat client: one logical connection that survives dropped sockets, token expiry and API Gateway's
 * idle and lifetime limits, and answers that each arrive exactly once and in order.
 */
export class ChatClient {
  #options;
  #clock;
  #random;
  #tokens;
  /** @type {Link | null} */
  #current = null;
  /** @type {Set<Link>} */
  #draining = new Set();
  /** @type {Map<string, Answer>} */
  #answers = new Map();
  /** @type {Map<string, { payload: object, resolve: () => void, reject: (e: Error) => void, timer: unknown }>} */
  #forgets = new Map();
  /** @type {Set<Link>} links with a resume pass pending after API Gateway reported a failed integration */
  #gatewayRetries = new Set();
  /** @type {SeamWatch} */
  #seams;
  #connecting = false;
  #closed = false;
  #failed = false;
  #failuresBeforeOpen = 0;
  #reconnectAttempt = 0;
  #refreshedForFailure = false;
  #reconnectTimer = /** @type {unknown} */ (undefined);
  #counter = 0;
  #idPrefix;
  /** @type {import('./answer.js').AnswerHost} */
  #answerHost;
  /** @type {import('../index').ConnectionState} */
  #state = { status: 'idle' };

  /** @param {import('../index').ChatClientOptions} options */
  constructor(options) {
    if (!options || typeof options.url !== 'string' || !/^wss?:\/\//.test(options.url)) {
      throw new TypeError('options.url must be a ws:// or wss:// URL');
    }
    if (typeof options.WebSocket !== 'function') throw new TypeError('options.WebSocket must be a WebSocket constructor');
    if (typeof options.getToken !== 'function') throw new TypeError('options.getToken must be an async function');
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#tokens = new TokenSource(options.getToken, this.#clock);
    this.#answerHost = {
      clock: this.#clock,
      sendAttempt: (answer) => this.#sendAttempt(answer),
      sendCancel: (answer) => this.#sendOn(answer.link, { action: 'cancel', requestId: answer.wireId }),
      ended: (answer) => this.#answerEnded(answer),
      reauthenticate: (answer) => this.#reauthenticate(answer),
    };
    this.#seams = new SeamWatch(this.#clock, (answer) => {
      if (answer.link instanceof Link && answer.link.isOpen) this.#resume(answer, answer.link);
    });
    this.#idPrefix = Math.floor(this.#random() * 36 ** 6).toString(36);
    this.sessionId = checkId(options.sessionId ?? `s-${this.#idPrefix}-${this.#clock.now().toString(36)}`, 'sessionId');
  }

  /** @returns {import('../index').ConnectionState} */
  get state() { return this.#state; }

  /** Opens the connection now (asking also opens it). After `failed`, starts trying again. */
  connect() {
    if (this.#closed) throw new Error('the client is closed');
    this.#failed = false;
    this.#failuresBeforeOpen = 0;
    this.#ensureConnecting();
  }

  /**
   * @param {string} message
   * @param {import('../index').AskOptions} [options]
   */
  ask(message, options = {}) {
    return this.#start(options.analyze ? 'analyze' : 'sendMessage', message, options);
  }

  /**
   * A deep analysis: a longer answer with its own prompt and model.
   * @param {string} message
   * @param {import('../index').AskOptions} [options]
   */
  analyze(message, options = {}) {
    return this.#start('analyze', message, options);
  }

  /** Asks the service to forget this shopper's data; resolves on its `forgotten` frame. */
  forget({ timeoutMs = 15_000 } = {}) {
    if (this.#closed) return Promise.reject(new Error('the client is closed'));
    const requestId = this.#nextId('forget');
    return new Promise((resolve, reject) => {
      const timer = this.#clock.setTimeout(() => {
        this.#forgets.delete(requestId);
        reject(new Error('no answer to forget'));
      }, timeoutMs);
      const entry = { payload: { action: 'forget', requestId }, resolve, reject, timer, sent: false };
      this.#forgets.set(requestId, entry);
      entry.sent = this.#transmit(entry.payload);
    });
  }

  /** Closes every socket; unfinished answers end with `client_closed`. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#clock.clearTimeout(this.#reconnectTimer);
    for (const answer of [...this.#answers.values()]) answer.abandon('client_closed', 'The chat was closed.');
    this.#seams.close();
    for (const [, entry] of this.#forgets) { this.#clock.clearTimeout(entry.timer); entry.reject(new Error('the client is closed')); }
    this.#forgets.clear();
    for (const link of [this.#current, ...this.#draining]) link?.retire();
    this.#current = null;
    this.#draining.clear();
    this.#setState({ status: 'closed' });
  }

  #start(action, message, options) {
    if (this.#closed) throw new Error('the client is closed');
    if (typeof message !== 'string' || message.trim().length === 0) throw new TypeError('message must contain text');
    if (message.length > MAX_MESSAGE_CHARS) throw new RangeError(`message is longer than ${MAX_MESSAGE_CHARS} characters`);
    const requestId = checkId(options.requestId ?? this.#nextId('c'), 'requestId');
    if (this.#answers.has(requestId)) throw new Error(`request ${requestId} is still in progress`);
    const retry = this.#options.retry ?? {};
    const answer = new Answer(this.#answerHost, {
      requestId,
      sessionId: this.sessionId,
      message,
      action,
      handlers: options,
      retry: {
        codes: new Set(retry.codes ?? ['busy', 'rate_limited']),
        maxAttempts: retry.maxAttempts ?? 4,
        defaultDelayMs: retry.defaultDelayMs ?? 1000,
        maxResends: retry.maxResends ?? 1,
      },
    });
    this.#answers.set(requestId, answer);
    if (this.#failed) this.connect();
    this.#sendAttempt(answer);
    return answer;
  }

  #sendAttempt(answer) {
    const requestId = answer.nextWireId();
    const payload = { action: answer.action, requestId, sessionId: answer.sessionId, message: answer.message };
    const sent = this.#transmit(payload);
    // Frames arrive asynchronously, so resetting after the synchronous send is still before the attempt's first frame.
    if (sent) answer.beginAttempt(requestId);
    answer.state = sent ? 'sent' : 'queued';
    answer.link = sent ? this.#current : null;
  }

  /** The service said the socket has no identity: move to a new socket with a fresh token and ask again there. */
  #reauthenticate(answer) {
    this.#tokens.invalidate();
    answer.state = 'queued';
    answer.link = null;
    // The open socket was made with the old token; its answers finish on it while a new one opens.
    if (this.#current?.isOpen) this.#rotate(this.#current);
    else this.#ensureConnecting();
  }

  #answerEnded(answer) {
    this.#answers.delete(answer.requestId);
    this.#seams.forget(answer);
    for (const link of this.#draining) this.#retireIfIdle(link);
  }

  /** Sends on the current socket when it is open; otherwise starts connecting and returns false. */
  #transmit(payload) {
    if (this.#current?.isOpen) return this.#sendOn(this.#current, payload);
    this.#ensureConnecting();
    return false;
  }

  /** @param {unknown} link */
  #sendOn(link, payload) {
    if (!(link instanceof Link) || !link.isOpen) return false;
    return link.send(payload);
  }

  #ensureConnecting() {
    if (this.#closed || this.#failed || this.#current || this.#connecting || this.#reconnectTimer !== undefined) return;
    void this.#openLink();
  }

  async #openLink() {
    this.#connecting = true;
    this.#setState({ status: this.#reconnectAttempt > 0 || this.#failuresBeforeOpen > 0 ? 'reconnecting' : 'connecting', attempt: this.#reconnectAttempt });
    let token;
    try {
      token = await this.#tokens.get();
    } catch {
      this.#connecting = false;
      this.#onFailureBeforeOpen('token_unavailable');
      return;
    }
    this.#connecting = false;
    if (this.#closed) return;
    const url = new URL(this.#options.url);
    url.searchParams.set('token', token);
    const link = new Link(this.#options.WebSocket, url.toString(), this.#clock, {
      opened: (l) => this.#onOpen(l),
      frame: (l, frame) => this.#onFrame(l, frame),
      down: (l, wasOpen) => this.#onDown(l, wasOpen),
      idle: (l) => l.send({ action: 'ping', requestId: this.#nextId(KEEP_ALIVE_PREFIX.slice(0, -1)) }),
      old: (l) => this.#rotate(l),
    }, {
      keepAliveMs: this.#options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
      rotateAfterMs: this.#options.rotateAfterMs ?? DEFAULT_ROTATE_AFTER_MS,
    });
    this.#current = link;
  }

  /** @param {Link} link */
  #onOpen(link) {
    if (link !== this.#current) return;
    this.#failuresBeforeOpen = 0;
    this.#reconnectAttempt = 0;
    this.#refreshedForFailure = false;
    this.#setState({ status: 'open' });
    for (const answer of this.#answers.values()) {
      if (answer.state === 'queued') {
        this.#sendAttempt(answer);
      } else if (answer.state === 'sent' && !(answer.link instanceof Link && answer.link.isOpen)) {
        this.#resume(answer, link);
      }
    }
    for (const entry of this.#forgets.values()) {
      if (!entry.sent) entry.sent = link.send(entry.payload);
    }
  }

  #resume(answer, link) {
    if (answer.cancelRequested) {
      // The service stops an answer whose socket went away; there is nothing left to cancel.
      answer.abandon('cancelled', 'The answer was stopped.');
      return;
    }
    answer.link = link;
    link.send({ action: 'resume', requestId: answer.wireId, sessionId: answer.sessionId, afterSeq: answer.lastSeq });
  }

  /** @param {Link} link */
  #onFrame(link, frame) {
    const requestId = typeof frame.requestId === 'string' ? frame.requestId : null;
    if (frame.type === 'pong' || requestId?.startsWith(KEEP_ALIVE_PREFIX)) return;
    if (frame.type === 'forgotten' || (requestId && this.#forgets.has(requestId))) {
      this.#settleForget(requestId, frame);
      return;
    }
    // Frames of an earlier attempt (another wire id) are stale and match nothing.
    const answer = requestId ? this.#answerOnWire(requestId) : undefined;
    if (answer) {
      answer.receive(frame);
      this.#seams.observe(answer);
    } else if (frame.type === undefined && GATEWAY_FAILURES.has(frame.message)) {
      this.#afterGatewayFailure(link);
    } else if (frame.type === 'error' && requestId === null) {
      this.#report({ code: String(frame.code ?? 'internal_error'), message: String(frame.message ?? '') });
    }
  }

  /**
   * A question on this link may never have reached the service. Every one still without a frame is resumed after a
   * moment: the service replays one it took (so nothing is asked twice), and one it never saw ends the resume with
   * `resume_unavailable`, which asks again (nothing was shown yet).
   * @param {Link} link
   */
  #afterGatewayFailure(link) {
    // Several failures in a row (several questions lost at once) need one pass, not one resume each per failure.
    if (this.#gatewayRetries.has(link)) return;
    this.#gatewayRetries.add(link);
    this.#clock.setTimeout(() => {
      this.#gatewayRetries.delete(link);
      if (this.#closed || !link.isOpen) return;
      for (const answer of this.#answers.values()) {
        if (answer.state === 'sent' && answer.link === link && answer.lastSeq < 0) this.#resume(answer, link);
      }
    }, GATEWAY_FAILURE_RETRY_MS);
  }

  /** @param {string} wireId */
  #answerOnWire(wireId) {
    const named = this.#answers.get(wireId);
    if (named?.wireId === wireId) return named;
    for (const answer of this.#answers.values()) {
      if (answer.wireId === wireId) return answer;
    }
    return undefined;
  }

  #settleForget(requestId, frame) {
    const id = requestId ?? this.#forgets.keys().next().value;
    const entry = id === undefined ? undefined : this.#forgets.get(id);
    if (!entry) return;
    this.#forgets.delete(id);
    this.#clock.clearTimeout(entry.timer);
    if (frame.type === 'forgotten') entry.resolve();
    else entry.reject(new Error(String(frame.message ?? frame.code ?? 'forget failed')));
  }

  /** @param {Link} link @param {boolean} wasOpen */
  #onDown(link, wasOpen) {
    if (this.#draining.delete(link)) {
      // An old socket died before its answers ended: continue them on the current one.
      if (this.#current?.isOpen) this.#resumeOrphans(this.#current);
      else this.#ensureConnecting();
      return;
    }
    if (link !== this.#current) return;
    this.#current = null;
    if (this.#closed) return;
    if (!wasOpen) {
      this.#onFailureBeforeOpen('connect_failed');
      return;
    }
    this.#scheduleReconnect();
  }

  #resumeOrphans(link) {
    for (const answer of this.#answers.values()) {
      if (answer.state === 'sent' && !(answer.link instanceof Link && answer.link.isOpen)) this.#resume(answer, link);
    }
  }

  /**
   * The browser cannot tell a refused upgrade (401/403) from a network failure. The first failure therefore
   * fetches a fresh token and tries again at once; later ones are reported and retried with backoff.
   */
  #onFailureBeforeOpen(reason) {
    this.#failuresBeforeOpen += 1;
    const limit = this.#options.maxConnectFailures ?? 8;
    if (this.#failuresBeforeOpen >= limit) {
      this.#giveUp();
      return;
    }
    if (!this.#refreshedForFailure) {
      this.#refreshedForFailure = true;
      this.#tokens.invalidate();
      this.#scheduleReconnect(0);
      return;
    }
    this.#report({ code: 'connect_rejected', message: `The connection was refused or failed (${reason}).` });
    this.#scheduleReconnect();
  }

  #giveUp() {
    this.#failed = true;
    this.#setState({ status: 'failed', error: 'connect_rejected' });
    for (const answer of [...this.#answers.values()]) {
      answer.abandon('connection_lost', 'The chat could not reconnect.');
    }
  }

  /** @param {number} [delayMs] */
  #scheduleReconnect(delayMs) {
    const delay = delayMs ?? backoffDelay(this.#reconnectAttempt, this.#options.backoff, this.#random);
    this.#reconnectAttempt += 1;
    this.#setState({ status: 'reconnecting', attempt: this.#reconnectAttempt, delayMs: delay });
    this.#reconnectTimer = this.#clock.setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.#ensureConnecting();
    }, delay);
  }

  /**
   * Moves to a new socket before API Gateway's 2-hour limit. The old one keeps delivering the answers it carries
   * (closing it would stop them) and is closed once they have ended.
   * @param {Link} link
   */
  #rotate(link) {
    if (link !== this.#current || this.#closed) return;
    this.#current = null;
    this.#draining.add(link);
    this.#retireIfIdle(link);
    this.#ensureConnecting();
  }

  /** @param {Link} link */
  #retireIfIdle(link) {
    for (const answer of this.#answers.values()) {
      if (answer.link === link && answer.state === 'sent') return;
    }
    this.#draining.delete(link);
    link.retire();
  }

  #report(error) {
    try {
      this.#options.onError?.(error);
    } catch (e) {
      queueMicrotask(() => { throw e; });
    }
  }

  /** @param {import('../index').ConnectionState} state */
  #setState(state) {
    this.#state = state;
    try {
      this.#options.onState?.(state);
    } catch (e) {
      queueMicrotask(() => { throw e; });
    }
  }

  #nextId(kind) {
    this.#counter += 1;
    return `${kind}-${this.#idPrefix}-${this.#counter}`;
  }
}

/** @param {string} id @param {string} name */
function checkId(id, name) {
  // eslint-disable-next-line no-control-regex
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_CHARS || /[\u0000-\u001f]/.test(id)) {
    throw new TypeError(`${name} must be 1-${MAX_ID_CHARS} characters without control characters`);
  }
  return id;
}
