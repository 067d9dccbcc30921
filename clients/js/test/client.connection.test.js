import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from '../src/index.js';
import { frames, startFakeGateway } from './support/fake-gateway.js';
import { createSut } from './support/sut.js';
import { settle, until } from './support/until.js';

test('a rejected connect fetches a fresh token once and then connects with it', async (t) => {
  const gateway = await startFakeGateway({ acceptToken: (token) => token === 'fresh' });
  t.after(() => gateway.close());
  const { client, clock, tokenRequests, states } = createSut(gateway, { tokens: ['stale', 'fresh'] });
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-auth' });
  await until(() => gateway.sent('sendMessage').length === 1, { step: () => clock.advance(0), what: 'send after refresh' });
  assert.deepEqual(gateway.tokens, ['stale', 'fresh']);
  assert.deepEqual(tokenRequests, [{ forceRefresh: false }, { forceRefresh: true }]);
  assert.equal(states.at(-1).status, 'open');
  gateway.connections[0].send(frames.start('r-auth'), frames.done('r-auth', 1));
  assert.equal((await answer.result).kind, 'done');
});

test('a token refused again is reported, and after maxConnectFailures the client gives up and ends its answers', async (t) => {
  const gateway = await startFakeGateway({ acceptToken: () => false });
  t.after(() => gateway.close());
  const { client, clock, tokenRequests, errors, states } = createSut(gateway, { tokens: ['a', 'b', 'c'], maxConnectFailures: 4 });
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-refused' });
  await until(() => answer.ended, { step: () => clock.advance(60_000), what: 'give up' });
  const end = await answer.result;
  assert.equal(end.kind, 'error');
  assert.equal(end.code, 'connection_lost');
  assert.equal(gateway.tokens.length, 4);
  assert.equal(tokenRequests.length, 2, 'the token is refreshed once, not on every failure');
  assert.ok(errors.some((e) => e.code === 'connect_rejected'));
  assert.ok(errors.every((e) => !JSON.stringify(e).includes('"b"')), 'no token in reported errors');
  assert.equal(states.at(-1).status, 'failed');
});

test('backoff uses full jitter within exponential bounds and a cap', () => {
  const limits = { baseMs: 500, maxMs: 30_000 };
  assert.equal(backoffDelay(0, limits, () => 0), 0);
  assert.equal(backoffDelay(0, limits, () => 0.999999), 499);
  assert.equal(backoffDelay(3, limits, () => 0.5), 2000);
  assert.equal(backoffDelay(3, limits, () => 0.999999), 3999);
  assert.equal(backoffDelay(20, limits, () => 0.999999), 29_999);
  assert.equal(backoffDelay(1000, limits, () => 1), 29_999, 'a random of 1 stays below the cap');
  for (let attempt = 0; attempt < 12; attempt += 1) {
    for (const r of [0, 0.1, 0.5, 0.9, 0.9999]) {
      const delay = backoffDelay(attempt, limits, () => r);
      assert.ok(delay >= 0 && delay < Math.min(30_000, 500 * 2 ** attempt), `attempt ${attempt} r ${r}: ${delay}`);
    }
  }
});

test('reconnect waits grow with each failed attempt and reset after a connection opens', async (t) => {
  let accept = false;
  const gateway = await startFakeGateway({ acceptToken: () => accept });
  t.after(() => gateway.close());
  t.after(() => gateway.close());
  const { client, clock, states } = createSut(gateway, { random: () => 0.5, backoff: { baseMs: 100, maxMs: 1000 }, maxConnectFailures: 100 });
  t.after(() => client.close());
  t.after(() => client.close());
  client.connect();
  // Wait for the sixth recorded wait itself: the sixth connect attempt can reach the gateway a tick before the
  // client records the state that follows its failure (seen once under a loaded machine).
  const recorded = () => states.filter((s) => s.status === 'reconnecting' && s.delayMs !== undefined).length;
  await until(() => gateway.tokens.length >= 6 && recorded() >= 6, { step: () => clock.advance(1000), what: 'failed attempts' });
  const waits = states.filter((s) => s.status === 'reconnecting' && s.delayMs !== undefined).map((s) => s.delayMs);
  // The first failure retries at once with a fresh token; then 50% of 100·2^n, capped at 1000.
  assert.deepEqual(waits.slice(0, 6), [0, 100, 200, 400, 500, 500]);
  accept = true;
  await until(() => client.state.status === 'open', { step: () => clock.advance(1000) });
  gateway.connections[0].drop();
  await until(() => client.state.status === 'reconnecting');
  assert.equal(client.state.delayMs, 50, 'the backoff starts again from the base after an open connection');
});

test('an idle connection sends a keep-alive before API Gateway\'s idle limit and ignores its reply', async (t) => {
  const gateway = await startFakeGateway();
  t.after(() => gateway.close());
  const { client, clock, errors } = createSut(gateway, { keepAliveMs: 8 * 60_000 });
  t.after(() => client.close());
  client.connect();
  await until(() => client.state.status === 'open', { step: () => clock.advance(0) });
  clock.advance(8 * 60_000 - 1);
  await settle();
  assert.equal(gateway.messages.length, 0);
  clock.advance(1);
  await until(() => gateway.messages.length === 1);
  const ping = gateway.messages[0].message;
  assert.equal(ping.action, 'ping');
  // The service answers an unknown action with an error naming the keep-alive's requestId: not the app's concern.
  gateway.connections[0].send({ type: 'error', requestId: ping.requestId, seq: 0, code: 'unknown_action', message: 'x', retryable: false });
  await settle();
  assert.deepEqual(errors, []);
  clock.advance(8 * 60_000);
  await until(() => gateway.messages.length === 2);
});

test('before the 2-hour limit the client moves to a new socket and closes the old one once its answer ends', async (t) => {
  const gateway = await startFakeGateway();
  t.after(() => gateway.close());
  const { client, clock } = createSut(gateway, { rotateAfterMs: 110 * 60_000, keepAliveMs: 60 * 60_000 });
  t.after(() => client.close());
  const first = client.ask('long', { requestId: 'r-long' });
  await until(() => gateway.sent('sendMessage').length === 1, { step: () => clock.advance(0) });
  const old = gateway.connections[0];
  old.send(frames.start('r-long'), frames.delta('r-long', 1, 'a'));
  clock.advance(110 * 60_000);
  await until(() => gateway.connections.length === 2, { what: 'second connection' });
  const next = client.ask('new', { requestId: 'r-new' });
  await until(() => gateway.sent('sendMessage').length === 2);
  assert.equal(gateway.sent('sendMessage')[1].connection, gateway.connections[1]);
  assert.ok(old.isOpen, 'the old socket still carries its answer');
  assert.equal(gateway.sent('resume').length, 0);
  old.send(frames.delta('r-long', 2, 'b'), frames.done('r-long', 3));
  await first.result;
  assert.equal(first.text, 'ab');
  await until(() => !old.isOpen, { what: 'old socket closed' });
  gateway.connections[1].send(frames.start('r-new'), frames.done('r-new', 1));
  assert.equal((await next.result).kind, 'done');
});

test('forget resolves on the forgotten frame', async (t) => {
  const gateway = await startFakeGateway();
  t.after(() => gateway.close());
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const forgotten = client.forget();
  await until(() => gateway.sent('forget').length === 1, { step: () => clock.advance(0) });
  const request = gateway.sent('forget')[0];
  request.connection.send({ type: 'forgotten', requestId: request.message.requestId });
  await forgotten;
});

test('an unauthorized refusal gets one fresh token and socket; a second one ends the answer', async (t) => {
  const gateway = await startFakeGateway();
  t.after(() => gateway.close());
  const { client, clock, tokenRequests } = createSut(gateway, { tokens: ['old', 'new', 'newer'] });
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-unauth' });
  const first = await gateway.received('sendMessage', 'r-unauth', () => clock.advance(0));
  first.connection.send(frames.error('r-unauth', 0, 'unauthorized', { retryable: false }));
  await until(() => gateway.sent('sendMessage').length === 2, { step: () => clock.advance(0), what: 'send on a new socket' });
  const second = gateway.sent('sendMessage')[1];
  assert.notEqual(second.connection, first.connection);
  assert.deepEqual(gateway.tokens, ['old', 'new']);
  assert.deepEqual(tokenRequests.at(-1), { forceRefresh: true });
  await until(() => !first.connection.isOpen, { what: 'old socket closed' });
  assert.equal(second.message.requestId, 'r-unauth~2', 'a fresh attempt carries its own wire id');
  second.connection.send(frames.error('r-unauth~2', 0, 'unauthorized', { retryable: false }));
  const end = await answer.result;
  assert.equal(end.kind, 'error');
  assert.equal(end.code, 'unauthorized');
  assert.equal(gateway.sent('sendMessage').length, 2);
});
