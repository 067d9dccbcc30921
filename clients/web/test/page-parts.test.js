import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SentenceAnnouncer } from '../announcer.js';
import { renderCitationCards } from '../citation-cards.js';
import { EnterKeyPolicy } from '../compose.js';
import { languages, pickLanguage, translate } from '../i18n.js';
import { FakeDocument, serialize, tagsIn } from './support/fake-dom.js';

test('Enter sends, Shift+Enter makes a new line, and Enter during an IME composition does neither', () => {
  const deferred = [];
  const policy = new EnterKeyPolicy((callback) => deferred.push(callback));
  assert.equal(policy.onKeyDown({ key: 'Enter' }), 'send');
  assert.equal(policy.onKeyDown({ key: 'Enter', shiftKey: true }), 'newline');
  assert.equal(policy.onKeyDown({ key: 'a' }), 'ignore');

  policy.compositionStart();
  assert.equal(policy.onKeyDown({ key: 'Enter' }), 'ignore', 'composition open (flag from compositionstart)');
  assert.equal(policy.onKeyDown({ key: 'Enter', isComposing: true }), 'ignore');
  policy.compositionEnd();
  assert.equal(policy.onKeyDown({ key: 'Enter' }), 'ignore', 'the confirming Enter right after compositionend (Safari order)');
  for (const run of deferred.splice(0)) run();
  assert.equal(policy.onKeyDown({ key: 'Enter' }), 'send');
  assert.equal(policy.onKeyDown({ key: 'Enter', keyCode: 229 }), 'ignore');
});

test('the live region hears whole sentences, and the rest at the end', () => {
  const announcer = new SentenceAnnouncer();
  assert.deepEqual(announcer.push('おすすめは'), []);
  assert.deepEqual(announcer.push('「海斗の侍」です。次'), ['おすすめは「海斗の侍」です。']);
  assert.deepEqual(announcer.push('に、Try it. Version 2.5 is'), ['次に、Try it.']);
  assert.deepEqual(announcer.push(' out!'), ['Version 2.5 is out!']);
  assert.deepEqual(announcer.push('最後'), []);
  assert.equal(announcer.flush(), '最後');
  assert.equal(announcer.flush(), null);
});

test('language follows a saved choice, then the browser, then English', () => {
  assert.equal(pickLanguage(['ja-JP', 'en-US']), 'ja');
  assert.equal(pickLanguage(['fr-FR', 'en-GB']), 'en');
  assert.equal(pickLanguage(['de']), 'en');
  assert.equal(pickLanguage(['ja'], 'en'), 'en');
  assert.equal(pickLanguage([], 'xx'), 'en');
  assert.equal(translate('ja', 'busyCountdown', { seconds: 3 }), 'ただいま大変混み合っています。3秒後にもう一度試します…');
  assert.equal(translate('en', 'busyCountdown', { seconds: 3 }), 'MangaAssist is very busy. Trying again in 3 s…');
});

test('Japanese and English have the same keys and no empty text', () => {
  assert.deepEqual(Object.keys(languages.ja).sort(), Object.keys(languages.en).sort());
  for (const [lang, texts] of Object.entries(languages)) {
    for (const [key, text] of Object.entries(texts)) assert.ok(text.trim().length > 0, `${lang}.${key}`);
  }
});

test('citation cards show title, Japanese title, price and a store link, all as text', () => {
  const doc = new FakeDocument();
  const t = (key, values) => translate('ja', key, values);
  const cards = renderCitationCards([
    { id: 'MA-1', title: '<img src=x onerror=alert(1)>', japaneseTitle: '海斗の侍', priceJpy: 528, url: 'https://store.mangaassist.example/products/MA-1' },
    { id: 'MA-2', title: 'Plain', url: 'javascript:alert(1)' },
  ], doc, { allowedHosts: ['store.mangaassist.example'], lang: 'ja', t });
  assert.deepEqual(tagsIn(cards), ['ul', 'li', 'p', 'p', 'p', 'a', 'li', 'p']);
  const html = serialize(cards);
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('海斗の侍'));
  assert.match(html, /1冊 ￥528|1冊 ¥528/);
  assert.ok(html.includes('href="https://store.mangaassist.example/products/MA-1"'));
  assert.ok(!html.includes('javascript:'));
});
