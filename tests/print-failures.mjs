// Prints each failed test of the given TRX files with the start of its message and the first frame that names a
// source line, so the tail of a CI log says why a test failed, not only which one.
import { readFileSync } from 'node:fs';

const decode = (text) => text
  .replace(/&#xD;/g, '').replace(/&#xA;/g, '\n')
  .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const between = (text, open, close) => {
  const start = text.indexOf(open);
  if (start < 0) return '';
  const end = text.indexOf(close, start + open.length);
  return end < 0 ? '' : text.slice(start + open.length, end);
};

for (const file of process.argv.slice(2)) {
  const trx = readFileSync(file, 'utf8');
  for (const match of trx.matchAll(/<UnitTestResult [^>]*outcome="Failed"[^>]*>([\s\S]*?)<\/UnitTestResult>/g)) {
    const name = decode(/testName="([^"]*)"/.exec(match[0])?.[1] ?? '?');
    const message = decode(between(match[1], '<Message>', '</Message>'))
      .split('\n').map((line) => line.trim()).filter(Boolean).slice(0, 6).join(' | ');
    // The first frame in this repository's code (a test or the product), else the first with a source line.
    const frames = decode(between(match[1], '<StackTrace>', '</StackTrace>'))
      .split('\n').map((line) => line.trim()).filter((line) => / in .*:line \d+/.test(line));
    const frame = frames.find((line) => line.includes('MangaAssist.')) ?? frames[0] ?? '';
    console.log(`${name}\n    ${message.slice(0, 500)}${frame ? `\n    ${frame.replace(/^at /, 'at ').slice(0, 300)}` : ''}`);
  }
}
