import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownToPlainText, parseMarkdown, renderMarkdown, safeHref } from '../markdown.js';
import { FakeDocument, serialize, tagsIn } from './support/fake-dom.js';

const hosts = ['store.mangaassist.example'];
const render = (text) => serialize(renderMarkdown(text, new FakeDocument(), { allowedHosts: hosts }));
const fragment = (text) => renderMarkdown(text, new FakeDocument(), { allowedHosts: hosts });

test('a script element in the text renders as text', () => {
  const text = 'Hi <script>alert(1)</script> there';
  const node = fragment(text);
  assert.deepEqual(tagsIn(node), ['p']);
  assert.equal(node.textContent, text);
});

test('an img with onerror renders as text and no attribute is set', () => {
  const text = '<img src=x onerror=alert(1)>';
  const node = fragment(text);
  assert.deepEqual(tagsIn(node), ['p']);
  assert.equal(node.textContent, text);
  assert.equal(render(text), '<p>&lt;img src=x onerror=alert(1)&gt;</p>');
});

test('javascript:, data: and foreign-host links render as their markdown text', () => {
  for (const text of [
    '[click](javascript:alert(1))',
    '[click](JavaScript:alert`1`)',
    '[click](data:text/html,<script>alert(1)</script>)',
    '[click](https://evil.example/steal)',
    '[click](https://store.mangaassist.example.evil.example/x)',
    '[click](//store.mangaassist.example/x)',
    '[click](https://user:pw@store.mangaassist.example/x)',
  ]) {
    const node = fragment(text);
    assert.ok(!tagsIn(node).includes('a'), text);
    assert.equal(node.textContent, text);
  }
});

test('an https link to an allowed host becomes a link that opens safely', () => {
  assert.equal(
    render('See [海斗の侍](https://store.mangaassist.example/products/MA-00001)'),
    '<p>See <a href="https://store.mangaassist.example/products/MA-00001" rel="noopener noreferrer" target="_blank">海斗の侍</a></p>',
  );
});

test('markup inside link text, code and bold stays text', () => {
  assert.equal(render('**<b>x</b>** `<i>y</i>`'), '<p><strong>&lt;b&gt;x&lt;/b&gt;</strong> <code>&lt;i&gt;y&lt;/i&gt;</code></p>');
  assert.equal(
    render('[<img src=x onerror=alert(1)>](https://store.mangaassist.example/p)'),
    '<p><a href="https://store.mangaassist.example/p" rel="noopener noreferrer" target="_blank">&lt;img src=x onerror=alert(1)&gt;</a></p>',
  );
});

test('the subset: paragraphs, line breaks, headings, lists, emphasis and fenced code', () => {
  const md = '# Picks\nFirst line\nsecond *line*\n\n- one **bold**\n- two\n1. first\n2) second\n```\n<code> & stuff\n```\nend';
  assert.equal(render(md), [
    '<h3>Picks</h3>',
    '<p>First line<br></br>second <em>line</em></p>',
    '<ul><li>one <strong>bold</strong></li><li>two</li></ul>',
    '<ol><li>first</li><li>second</li></ol>',
    '<pre><code>&lt;code&gt; &amp; stuff</code></pre>',
    '<p>end</p>',
  ].join(''));
});

test('unclosed markers stay as text (a streaming answer mid-word)', () => {
  assert.equal(render('**bold and `code'), '<p>**bold and `code</p>');
  assert.equal(render('2 * 3 = 6'), '<p>2 * 3 = 6</p>');
});

test('long text full of unclosed markers parses in linear time', () => {
  const text = '*'.repeat(5) + 'x'.repeat(10) + '[a'.repeat(20_000) + '`'.repeat(1) + '**'.repeat(1);
  const blocks = parseMarkdown(text, { allowedHosts: hosts });
  assert.equal(blocks.length, 1);
});

test('safeHref accepts http(s) to allowed hosts and subdomains only', () => {
  assert.equal(safeHref('https://store.mangaassist.example/a?b=1', hosts), 'https://store.mangaassist.example/a?b=1');
  assert.equal(safeHref('http://img.store.mangaassist.example/a', hosts), 'http://img.store.mangaassist.example/a');
  assert.equal(safeHref('ftp://store.mangaassist.example/a', hosts), null);
  assert.equal(safeHref('not a url', hosts), null);
  assert.equal(safeHref('https://store.mangaassist.example/a', []), null);
});

test('the plain text for the live region has no markdown markers and no link targets', () => {
  assert.equal(markdownToPlainText('**おすすめ**は [海斗の侍](https://store.mangaassist.example/p) です。'), 'おすすめは 海斗の侍 です。');
  assert.equal(markdownToPlainText('- one\n- `two`'), 'one two');
  assert.equal(markdownToPlainText('<script>x</script>'), '<script>x</script>');
});
