// Types of the MangaAssist chat client (src/index.js). Hand-written: the library has no build step.

/** Milliseconds since the Unix epoch and timers; tests pass a fake one. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock;

/** Full-jitter exponential backoff: a whole number in [0, min(maxMs, baseMs * 2^attempt)). */
export function backoffDelay(attempt: number, limits?: { baseMs?: number; maxMs?: number }, random?: () => number): number;

export interface TokenResult {
  token: string;
  /** ISO 8601 time or epoch milliseconds; the token is renewed a minute before. */
  expiresAt?: string | number;
}

export interface ConnectionState {
  status: 'idle' | 'connecting' | 'open' | 'reconnecting' | 'failed' | 'closed';
  /** Reconnect attempts since the last open connection. */
  attempt?: number;
  /** The wait before the next attempt. */
  delayMs?: number;
  error?: string;
}

export interface ClientError {
  /** `connect_rejected`, or the service's code for an error frame that names no request. */
  code: string;
  message: string;
}

export interface ChatClientOptions {
  /** The gateway URL with its stage, e.g. `wss://chat.example.com/prod`; the token is added as `?token=`. */
  url: string;
  /** Browsers: `WebSocket`; node: `WebSocket` from the `ws` package. */
  WebSocket: new (url: string) => any;
  /** Returns a token; `forceRefresh` is true after a connect that may have been refused. */
  getToken(request: { forceRefresh: boolean }): Promise<string | TokenResult>;
  /** One per conversation; generated when omitted. */
  sessionId?: string;
  clock?: Clock;
  /** Returns a number in [0, 1); used for jitter and ids. */
  random?: () => number;
  /** Reconnect backoff; defaults 500 ms and 30 s. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Failed connects in a row before giving up (state `failed`); default 8. */
  maxConnectFailures?: number;
  retry?: {
    /** Refusal codes retried after `retryAfterMs`; default `busy`, `rate_limited`. */
    codes?: string[];
    /** Attempts in all, the first one included; default 4. */
    maxAttempts?: number;
    /** Wait when a refusal has no `retryAfterMs`; default 1000. */
    defaultDelayMs?: number;
    /** Fresh sends when a resume finds nothing to continue and no text was shown; default 1. */
    maxResends?: number;
  };
  /** A keep-alive message after this long without a client message; default 8 minutes (API Gateway idles out at 10). */
  keepAliveMs?: number;
  /** Move to a new socket after this long; default 110 minutes (API Gateway closes at 2 hours). */
  rotateAfterMs?: number;
  onState?(state: ConnectionState): void;
  onError?(error: ClientError): void;
}

/** A product the answer cited. `japaneseTitle` and `priceJpy` appear when the service sends them. */
export interface Citation {
  id: string;
  title: string;
  url: string;
  japaneseTitle?: string;
  priceJpy?: number;
}

export interface AnswerEnd {
  /** `partial`: the answer broke after some text was shown. */
  kind: 'done' | 'error' | 'cancelled' | 'partial';
  code?: string;
  message?: string;
  retryable?: boolean;
  retryAfterMs?: number;
  stopReason?: string;
  usage?: { inputTokens: number; outputTokens: number };
  cached?: boolean;
  model?: string;
}

export type AnswerEvent =
  | { type: 'start'; model?: string }
  | { type: 'delta'; text: string }
  | { type: 'citations'; items: Citation[] }
  | { type: 'retry'; code: string; attempt: number; maxAttempts: number; remainingMs: number }
  | ({ type: 'end' } & AnswerEnd);

export interface AnswerHandlers {
  onStart?(event: Extract<AnswerEvent, { type: 'start' }>, answer: Answer): void;
  onDelta?(event: Extract<AnswerEvent, { type: 'delta' }>, answer: Answer): void;
  onCitations?(event: Extract<AnswerEvent, { type: 'citations' }>, answer: Answer): void;
  /** About once a second while waiting to ask again after `busy` / `rate_limited`. */
  onRetry?(event: Extract<AnswerEvent, { type: 'retry' }>, answer: Answer): void;
  onEnd?(event: Extract<AnswerEvent, { type: 'end' }>, answer: Answer): void;
}

export interface AskOptions extends AnswerHandlers {
  requestId?: string;
  /** Deep analysis (`analyze` action) instead of a quick answer. */
  analyze?: boolean;
}

export class Answer implements AsyncIterable<AnswerEvent> {
  readonly requestId: string;
  /** The requestId the current attempt went out with: `requestId`, then `requestId~2`, … for retries (the service answers an id once per connection). */
  readonly wireId: string;
  readonly sessionId: string;
  readonly message: string;
  readonly action: 'sendMessage' | 'analyze';
  readonly state: 'queued' | 'sent' | 'waiting' | 'ended';
  readonly text: string;
  readonly citations: Citation[];
  readonly model?: string;
  readonly ended: boolean;
  readonly lastSeq: number;
  /** Whether frames wait for an earlier seq that has not arrived (the client asks for it with `resume` after a moment). */
  readonly hasGap: boolean;
  /** Resolves with the one terminal event. */
  readonly result: Promise<AnswerEnd>;
  cancel(): void;
  [Symbol.asyncIterator](): AsyncIterator<AnswerEvent>;
}

export class ChatClient {
  constructor(options: ChatClientOptions);
  readonly sessionId: string;
  readonly state: ConnectionState;
  connect(): void;
  ask(message: string, options?: AskOptions): Answer;
  analyze(message: string, options?: AskOptions): Answer;
  forget(options?: { timeoutMs?: number }): Promise<void>;
  close(): void;
}
