import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { frames, startFakeGateway } from './support/fake-gateway.js';
import { createSut } from './support/sut.js';
import { settle, until } from './support/until.js';

let gateway;
before(async () => { gateway = await startFakeGateway(); });
after(async () => { await gateway.close(); });

test('text arrives exactly once and in order when the socket drops mid-answer and the answer is resumed', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const deltas = [];
  const answer = client.ask('おすすめの少年漫画は？', { requestId: 'r-drop', onDelta: (e) => deltas.push(e.text) });
  const first = (await gateway.received('sendMessage', 'r-drop')).connection;
  assert.equal(first.messages[0].sessionId, 's-test');
  first.send(frames.start('r-drop'), frames.delta('r-drop', 1, 'Hello '), frames.delta('r-drop', 2, 'wor'));
  await until(() => answer.text === 'Hello wor', { what: 'first deltas' });

  first.drop();
  const resume = await gateway.received('resume', 'r-drop', () => clock.advance(0));
  assert.deepEqual(resume.message, { action: 'resume', requestId: 'r-drop', sessionId: 's-test', afterSeq: 2 });
  assert.notEqual(resume.connection, first);

  // The replay overlaps what the client holds and arrives partly out of order: neither may show twice or out of order.
  resume.connection.send(
    frames.delta('r-drop', 1, 'Hello '),
    frames.delta('r-drop', 2, 'wor'),
    frames.delta('r-drop', 4, '!'),
    frames.delta('r-drop', 3, 'ld'),
    frames.done('r-drop', 5),
    frames.delta('r-drop', 6, 'after the end'),
  );
  const end = await answer.result;
  assert.equal(end.kind, 'done');
  assert.equal(answer.text, 'Hello world!');
  assert.deepEqual(deltas, ['Hello ', 'wor', 'ld', '!']);
});

test('the async iterator yields start, deltas, citations and exactly one end', async (t) => {
  const { client } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-iter' });
  const conn = (await gateway.received('sendMessage', 'r-iter')).connection;
  const item = { id: 'MA-00001', title: "Kaito's Samurai", url: 'https://store.mangaassist.example/p/1', japaneseTitle: '海斗の侍', priceJpy: 528 };
  conn.send(frames.start('r-iter'), frames.delta('r-iter', 1, 'A [1]'), frames.citations('r-iter', 2, [item]), frames.done('r-iter', 3));
  const events = [];
  for await (const event of answer) events.push(event.type);
  assert.deepEqual(events, ['start', 'delta', 'citations', 'end']);
  assert.deepEqual(answer.citations, [item]);
});

test('a duplicate seq is dropped', async (t) => {
  const { client } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-dup' });
  const conn = (await gateway.received('sendMessage', 'r-dup')).connection;
  conn.send(frames.start('r-dup'), frames.delta('r-dup', 1, 'one'), frames.delta('r-dup', 1, 'one'), frames.start('r-dup'), frames.delta('r-dup', 2, ' two'), frames.done('r-dup', 3));
  await answer.result;
  assert.equal(answer.text, 'one two');
});

test('a question sent while the socket was down is asked again once when the resume finds nothing to continue', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-lost' });
  (await gateway.received('sendMessage', 'r-lost')).connection.drop();
  const resume = await gateway.received('resume', 'r-lost', () => clock.advance(0));
  assert.equal(resume.message.afterSeq, -1);
  resume.connection.send(frames.error('r-lost', 0, 'resume_unavailable', { retryable: false }));
  // The fresh send carries its own wire id: the service answers an id once per connection.
  await until(() => gateway.sent('sendMessage').filter((m) => m.message.requestId === 'r-lost~2').length === 1, { what: 'second send' });
  resume.connection.send(frames.start('r-lost~2'), frames.delta('r-lost~2', 1, 'fresh'), frames.done('r-lost~2', 2));
  assert.equal((await answer.result).kind, 'done');
  assert.equal(answer.text, 'fresh');
});

test('an answer that broke after text was shown ends as partial instead of being asked again', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-gone' });
  const conn = (await gateway.received('sendMessage', 'r-gone')).connection;
  conn.send(frames.start('r-gone'), frames.delta('r-gone', 1, 'half'));
  await until(() => answer.text === 'half');
  conn.drop();
  (await gateway.received('resume', 'r-gone', () => clock.advance(0))).connection.send(frames.error('r-gone', 2, 'client_gone', { partial: true }));
  const end = await answer.result;
  assert.equal(end.kind, 'partial');
  assert.equal(end.code, 'client_gone');
  await settle();
  assert.equal(gateway.sent('sendMessage').filter((m) => m.message.requestId.startsWith('r-gone')).length, 1);
});

test('deep analysis is asked with the analyze action', async (t) => {
  const { client } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.analyze('Compare two long-running series', { requestId: 'r-deep' });
  const { message, connection } = await gateway.received('analyze', 'r-deep');
  assert.deepEqual(message, { action: 'analyze', requestId: 'r-deep', sessionId: 's-test', message: 'Compare two long-running series' });
  assert.equal(answer.action, 'analyze');
  connection.send(frames.start('r-deep'), frames.delta('r-deep', 1, 'long'), frames.done('r-deep', 2));
  assert.equal((await answer.result).kind, 'done');
});

/** What API Gateway itself sends when the task its integration reached died: its own request id, no `type`. */
const gatewayFailure = (message = 'Internal server error') => ({ message, connectionId: 'conn-1', requestId: 'gw-req-1' });

test('after API Gateway reports a failed integration, a question without any frame is resumed, then asked again when the service never saw it', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-gw' });
  const conn = (await gateway.received('sendMessage', 'r-gw')).connection;

  conn.send(gatewayFailure());
  await settle();
  assert.equal(gateway.sent('resume').filter((m) => m.message.requestId === 'r-gw').length, 0, 'not before the pause');
  const resume = await gateway.received('resume', 'r-gw', () => clock.advance(500));
  assert.equal(resume.connection, conn);
  assert.equal(resume.message.afterSeq, -1);

  resume.connection.send(frames.error('r-gw', 0, 'resume_unavailable', { retryable: false }));
  await until(() => gateway.sent('sendMessage').filter((m) => m.message.requestId === 'r-gw~2').length === 1, { what: 'second send' });
  conn.send(frames.start('r-gw~2'), frames.delta('r-gw~2', 1, 'answered'), frames.done('r-gw~2', 2));
  assert.equal((await answer.result).kind, 'done');
  assert.equal(answer.text, 'answered');
});

test('after API Gateway reports a failed integration, answers already streaming are left alone and several failures make one resume', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const streaming = client.ask('one', { requestId: 'r-gw-streaming' });
  const waiting = client.ask('two', { requestId: 'r-gw-waiting' });
  const conn = (await gateway.received('sendMessage', 'r-gw-streaming')).connection;
  await gateway.received('sendMessage', 'r-gw-waiting');
  conn.send(frames.start('r-gw-streaming'), frames.delta('r-gw-streaming', 1, 'text'));
  await until(() => streaming.text === 'text');

  conn.send(gatewayFailure(), gatewayFailure('Endpoint request timed out'));
  await gateway.received('resume', 'r-gw-waiting', () => clock.advance(500));
  await settle();
  clock.advance(500);
  await settle();

  assert.equal(gateway.sent('resume').filter((m) => m.message.requestId === 'r-gw-waiting').length, 1);
  assert.equal(gateway.sent('resume').filter((m) => m.message.requestId === 'r-gw-streaming').length, 0);
  conn.send(frames.done('r-gw-streaming', 2), frames.start('r-gw-waiting'), frames.done('r-gw-waiting', 1));
  assert.equal((await streaming.result).kind, 'done');
  assert.equal((await waiting.result).kind, 'done');
});
