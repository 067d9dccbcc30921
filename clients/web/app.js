// The chat page: wires the client library (served at ./lib/client/, see README) to the DOM. Every piece of model
// or catalog text reaches the page through textContent or the safe markdown renderer, never as HTML.
import { ChatClient } from './lib/client/index.js';
import { SentenceAnnouncer } from './announcer.js';
import { renderCitationCards } from './citation-cards.js';
import { EnterKeyPolicy } from './compose.js';
import { pickLanguage, translate } from './i18n.js';
import { markdownToPlainText, renderMarkdown } from './markdown.js';

const LANGUAGE_KEY = 'mangaassist.lang';
const MAX_MESSAGE_CHARS = 4000;

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const ui = {
  conversation: $('conversation'),
  status: $('status'),
  statusText: $('status-text'),
  retryButton: /** @type {HTMLButtonElement} */ ($('retry-connect')),
  announcer: $('announcer'),
  form: /** @type {HTMLFormElement} */ ($('composer')),
  input: /** @type {HTMLTextAreaElement} */ ($('composer-input')),
  deep: /** @type {HTMLInputElement} */ ($('deep-toggle')),
  send: /** @type {HTMLButtonElement} */ ($('send-button')),
  stop: /** @type {HTMLButtonElement} */ ($('stop-button')),
  language: /** @type {HTMLSelectElement} */ ($('lang-select')),
};

let lang = pickLanguage(navigator.languages ?? [navigator.language], readSavedLanguage());
const t = (key, values) => translate(lang, key, values);

/** @type {{ client: ChatClient | null, config: any, current: any, views: Map<string, AnswerView> }} */
const chat = { client: null, config: null, current: null, views: new Map() };

/** One assistant answer on the page. */
class AnswerView {
  constructor(answer) {
    this.answer = answer;
    this.announcer = new SentenceAnnouncer();
    this.state = 'streaming';
    this.statusKey = 'answering';
    this.statusValues = {};
    this.renderQueued = false;

    this.article = document.createElement('article');
    this.article.className = 'msg msg-assistant';
    this.article.setAttribute('data-testid', 'answer');
    this.article.setAttribute('data-request-id', answer.requestId);
    this.article.setAttribute('data-state', this.state);
    this.article.setAttribute('aria-busy', 'true');

    const who = document.createElement('p');
    who.className = 'msg-who';
    who.setAttribute('data-i18n', 'assistant');
    who.textContent = t('assistant');
    this.body = document.createElement('div');
    this.body.className = 'answer-body';
    this.body.setAttribute('data-testid', 'answer-text');
    this.statusLine = document.createElement('p');
    this.statusLine.className = 'answer-status';
    this.statusLine.setAttribute('data-testid', 'answer-status');
    this.cards = document.createElement('div');
    this.cards.className = 'answer-cards';
    this.article.append(who, this.body, this.cards, this.statusLine);
    this.renderStatus();
  }

  /** Re-renders the whole text at most once per frame: markdown can change meaning as more text arrives. */
  scheduleRender() {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.body.replaceChildren(renderMarkdown(this.answer.text, document, { allowedHosts: allowedHosts() }));
    });
  }

  delta(text) {
    this.scheduleRender();
    for (const sentence of this.announcer.push(text)) announce(markdownToPlainText(sentence));
  }

  citations(items) {
    this.items = items;
    this.renderCards();
  }

  renderCards() {
    if (!this.items?.length) return;
    const heading = document.createElement('p');
    heading.className = 'cards-heading';
    heading.textContent = t('citations');
    this.cards.replaceChildren(heading, renderCitationCards(this.items, document, { allowedHosts: allowedHosts(), lang, t }));
  }

  retry(event) {
    this.setStatus(event.code === 'rate_limited' ? 'rateLimitedCountdown' : 'busyCountdown', { seconds: Math.ceil(event.remainingMs / 1000) });
    this.article.setAttribute('data-state', event.code === 'rate_limited' ? 'rate-limited' : 'busy');
    // The countdown is announced once, when the wait begins; per-second updates would drown the reader.
    if (event.attempt !== this.announcedRetry) {
      this.announcedRetry = event.attempt;
      announce(this.statusLine.textContent ?? '');
    }
  }

  end(event) {
    this.scheduleRender();
    const rest = this.announcer.flush();
    if (rest) announce(markdownToPlainText(rest));
    this.state = event.kind;
    this.article.setAttribute('data-state', event.kind);
    this.article.setAttribute('aria-busy', 'false');
    this.setStatus(endStatusKey(event));
    announce(this.statusLine.textContent ?? '');
    if (chat.current === this) setAnswering(null);
  }

  setStatus(key, values = {}) {
    this.statusKey = key;
    this.statusValues = values;
    this.renderStatus();
  }

  renderStatus() {
    this.statusLine.textContent = t(this.statusKey, this.statusValues);
    this.statusLine.classList.toggle('is-error', this.state === 'error' || this.state === 'partial');
  }
}

function endStatusKey(event) {
  if (event.kind === 'done') return 'done';
  if (event.kind === 'cancelled') return 'cancelled';
  if (event.kind === 'partial') return 'partial';
  switch (event.code) {
    case 'busy': return 'errorBusy';
    case 'rate_limited': return 'errorRateLimited';
    case 'connection_lost': return 'errorConnection';
    case 'unauthorized': return 'errorUnauthorized';
    case 'message_too_large': return 'errorTooLong';
    default: return 'error';
  }
}

/** Adds a sentence to the polite live region; old ones are pruned so the region stays small. */
function announce(text) {
  if (!text) return;
  const line = document.createElement('p');
  line.textContent = text;
  ui.announcer.appendChild(line);
  while (ui.announcer.childElementCount > 5) ui.announcer.firstElementChild?.remove();
}

function allowedHosts() {
  return Array.isArray(chat.config?.allowedLinkHosts) ? chat.config.allowedLinkHosts.map(String) : [];
}

function addUserMessage(text) {
  const article = document.createElement('article');
  article.className = 'msg msg-user';
  article.setAttribute('data-testid', 'user-message');
  const who = document.createElement('p');
  who.className = 'msg-who';
  who.setAttribute('data-i18n', 'you');
  who.textContent = t('you');
  const body = document.createElement('p');
  body.className = 'user-text';
  body.textContent = text;
  article.append(who, body);
  ui.conversation.appendChild(article);
}

function setAnswering(view) {
  chat.current = view;
  ui.stop.hidden = view === null;
  ui.send.disabled = view !== null;
}

function send() {
  const text = ui.input.value.trim();
  if (!text || chat.current || !chat.client) return;
  if (text.length > MAX_MESSAGE_CHARS) {
    showStatus('errorTooLong');
    return;
  }
  addUserMessage(text);
  ui.input.value = '';
  let view;
  const answer = chat.client.ask(text, {
    analyze: ui.deep.checked,
    onDelta: (e) => view.delta(e.text),
    onCitations: (e) => view.citations(e.items),
    onRetry: (e) => view.retry(e),
    onEnd: (e) => view.end(e),
  });
  view = new AnswerView(answer);
  chat.views.set(answer.requestId, view);
  ui.conversation.appendChild(view.article);
  setAnswering(view);
  view.article.scrollIntoView({ block: 'end', behavior: 'smooth' });
}

/** The connection banner: hidden while open, otherwise says what is happening. */
function onConnectionState(state) {
  if (state.status === 'open' || state.status === 'idle' || state.status === 'closed') {
    hideStatus();
  } else if (state.status === 'failed') {
    showStatus('failed', {}, true);
  } else if (state.status === 'reconnecting') {
    showStatus(state.delayMs && state.delayMs >= 1000 ? 'reconnectingIn' : 'reconnecting', { seconds: Math.ceil((state.delayMs ?? 0) / 1000) });
  } else {
    showStatus('connecting');
  }
}

let statusShown = { key: '', values: {} };
function showStatus(key, values = {}, canRetry = false) {
  statusShown = { key, values };
  ui.status.hidden = false;
  ui.status.setAttribute('data-state', key);
  ui.statusText.textContent = t(key, values);
  ui.retryButton.hidden = !canRetry;
}

function hideStatus() {
  statusShown = { key: '', values: {} };
  ui.status.hidden = true;
  ui.status.removeAttribute('data-state');
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.getAttribute('data-i18n') ?? '');
  for (const element of document.querySelectorAll('[data-i18n-placeholder]')) {
    element.setAttribute('placeholder', t(element.getAttribute('data-i18n-placeholder') ?? ''));
  }
  for (const element of document.querySelectorAll('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(element.getAttribute('data-i18n-label') ?? ''));
  }
  ui.language.value = lang;
  for (const view of chat.views.values()) {
    view.renderStatus();
    view.renderCards();
  }
  if (statusShown.key) ui.statusText.textContent = t(statusShown.key, statusShown.values);
}

function readSavedLanguage() {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

/** Asks the configured token endpoint for a token (a guest one by default). The token is never logged. */
async function fetchToken(config) {
  const response = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config.tokenRequest ?? { guest: true }),
    credentials: 'omit',
  });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  const body = await response.json();
  if (typeof body?.token !== 'string') throw new Error('token endpoint gave no token');
  return { token: body.token, expiresAt: body.expiresAt };
}

function wireComposer() {
  const enter = new EnterKeyPolicy();
  ui.input.addEventListener('compositionstart', () => enter.compositionStart());
  ui.input.addEventListener('compositionend', () => enter.compositionEnd());
  ui.input.addEventListener('keydown', (event) => {
    if (enter.onKeyDown(event) === 'send') {
      event.preventDefault();
      send();
    }
  });
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  ui.stop.addEventListener('click', () => {
    chat.current?.answer.cancel();
    ui.input.focus();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && chat.current) chat.current.answer.cancel();
  });
  ui.retryButton.addEventListener('click', () => chat.client?.connect());
  ui.language.addEventListener('change', () => {
    lang = ui.language.value === 'ja' ? 'ja' : 'en';
    try {
      localStorage.setItem(LANGUAGE_KEY, lang);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
    applyLanguage();
  });
}

async function main() {
  applyLanguage();
  wireComposer();
  const response = await fetch('./config.json', { cache: 'no-store' });
  chat.config = await response.json();
  chat.client = new ChatClient({
    url: chat.config.gatewayUrl,
    WebSocket,
    getToken: () => fetchToken(chat.config),
    onState: onConnectionState,
    onError: (error) => { if (error.code === 'connect_rejected') showStatus('connectionRejected'); },
  });
  chat.client.connect();
  // Tests read the answers the library assembled (raw text, before markdown) through this read-only hook.
  Object.defineProperty(window, 'mangaAssistChat', {
    value: Object.freeze({
      answers: () => [...chat.views.values()].map((v) => ({ requestId: v.answer.requestId, text: v.answer.text, state: v.state })),
      connection: () => chat.client?.state.status,
    }),
  });
  document.body.setAttribute('data-ready', 'true');
}

main().catch(() => showStatus('failed', {}, false));
