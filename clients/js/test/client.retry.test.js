import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { frames, startFakeGateway } from './support/fake-gateway.js';
import { createSut } from './support/sut.js';
import { settle, until } from './support/until.js';

let gateway;
before(async () => { gateway = await startFakeGateway(); });
after(async () => { await gateway.close(); });

// Each attempt goes out with its own wire id (`r-busy`, then `r-busy~2`, …): the service answers an id once per connection.
const sends = (requestId) => gateway.sent('sendMessage').filter((m) => m.message.requestId.split('~')[0] === requestId);

test('busy is retried after retryAfterMs with a countdown, and the retried answer succeeds', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const countdown = [];
  const answer = client.ask('hi', { requestId: 'r-busy', onRetry: (e) => countdown.push(e.remainingMs) });
  await until(() => sends('r-busy').length === 1);
  const conn = sends('r-busy')[0].connection;
  conn.send(frames.error('r-busy', 0, 'busy', { retryAfterMs: 2500 }));
  await until(() => countdown.length === 1, { what: 'countdown' });
  assert.equal(answer.state, 'waiting');

  clock.advance(2499);
  await settle();
  assert.equal(sends('r-busy').length, 1, 'asked again before retryAfterMs passed');
  assert.deepEqual(countdown, [2500, 1500, 500]);

  clock.advance(1);
  await until(() => sends('r-busy').length === 2, { what: 'retried send' });
  assert.deepEqual(countdown, [2500, 1500, 500, 0]);
  assert.equal(sends('r-busy')[1].message.requestId, 'r-busy~2', 'the retry reused the refused request id');
  conn.send(frames.start('r-busy~2'), frames.delta('r-busy~2', 1, 'ok'), frames.done('r-busy~2', 2));
  assert.equal((await answer.result).kind, 'done');
  assert.equal(answer.text, 'ok');
});

test('rate_limited retries are bounded: after maxAttempts the refusal ends the answer', async (t) => {
  const { client, clock } = createSut(gateway, { retry: { maxAttempts: 2 } });
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-limit' });
  await until(() => sends('r-limit').length === 1);
  const conn = sends('r-limit')[0].connection;
  conn.send(frames.error('r-limit', 0, 'rate_limited', { retryAfterMs: 1000 }));
  await until(() => answer.state === 'waiting');
  clock.advance(1000);
  await until(() => sends('r-limit').length === 2);
  conn.send(frames.error('r-limit~2', 0, 'rate_limited', { retryAfterMs: 1000 }));
  const end = await answer.result;
  assert.equal(end.kind, 'error');
  assert.equal(end.code, 'rate_limited');
  assert.equal(end.retryAfterMs, 1000);
  clock.advance(5000);
  await settle();
  assert.equal(sends('r-limit').length, 2);
});

test('an error after the answer started is not retried', async (t) => {
  const { client } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-late' });
  await until(() => sends('r-late').length === 1);
  sends('r-late')[0].connection.send(frames.start('r-late'), frames.error('r-late', 1, 'busy', { retryAfterMs: 10 }));
  const end = await answer.result;
  assert.equal(end.kind, 'error');
});

test('cancel sends cancel for the request and the service\'s cancelled frame ends it once', async (t) => {
  const { client } = createSut(gateway);
  t.after(() => client.close());
  const ends = [];
  const answer = client.ask('hi', { requestId: 'r-cancel', onEnd: (e) => ends.push(e.kind) });
  await until(() => sends('r-cancel').length === 1);
  const conn = sends('r-cancel')[0].connection;
  conn.send(frames.start('r-cancel'), frames.delta('r-cancel', 1, 'some'));
  await until(() => answer.text === 'some');
  answer.cancel();
  answer.cancel();
  await until(() => conn.messages.some((m) => m.action === 'cancel'));
  assert.deepEqual(conn.messages.filter((m) => m.action === 'cancel'), [{ action: 'cancel', requestId: 'r-cancel' }]);
  conn.send(frames.error('r-cancel', 2, 'cancelled', { retryable: false, partial: true }), frames.delta('r-cancel', 3, 'late'));
  const end = await answer.result;
  assert.equal(end.kind, 'cancelled');
  await settle();
  assert.deepEqual(ends, ['cancelled']);
  assert.equal(answer.text, 'some');
});

test('cancel during a busy countdown ends the answer at once and nothing is sent again', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-cancel-wait' });
  await until(() => sends('r-cancel-wait').length === 1);
  sends('r-cancel-wait')[0].connection.send(frames.error('r-cancel-wait', 0, 'busy', { retryAfterMs: 1000 }));
  await until(() => answer.state === 'waiting');
  answer.cancel();
  assert.equal((await answer.result).kind, 'cancelled');
  clock.advance(2000);
  await settle();
  assert.equal(sends('r-cancel-wait').length, 1);
});

test('input is validated before anything is sent', (t) => {
  const { client } = createSut(gateway);
  t.after(() => client.close());
  assert.throws(() => client.ask('   '), TypeError);
  assert.throws(() => client.ask('x'.repeat(4001)), RangeError);
  assert.throws(() => client.ask('hi', { requestId: 'bad\nid' }), TypeError);
});
