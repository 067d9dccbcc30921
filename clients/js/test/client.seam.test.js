import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GAP_RESUME_MS, MAX_SEAM_RESUMES, SILENCE_RESUME_MS } from '../src/seam-watch.js';
import { frames, startFakeGateway } from './support/fake-gateway.js';
import { createSut } from './support/sut.js';
import { settle, until } from './support/until.js';

// A service task that dies between logging frames and posting them leaves a seam: the task that takes the answer
// over goes on after the logged frames, on the same socket. These tests play both tasks from the fake gateway.

let gateway;
const resumesOf = (requestId) => gateway.sent('resume').filter((m) => m.message.requestId === requestId).length;
before(async () => { gateway = await startFakeGateway(); });
after(async () => { await gateway.close(); });

test('a frame missing at a take-over seam is asked for with resume on the same socket, and the text is whole', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-seam' });
  const conn = (await gateway.received('sendMessage', 'r-seam')).connection;
  // The first task posted start and one delta, logged "wor" (seq 2) and died; its successor posts from seq 3.
  conn.send(frames.start('r-seam'), frames.delta('r-seam', 1, 'Hello '), frames.delta('r-seam', 3, 'ld'));
  await until(() => answer.hasGap, { what: 'the gap' });
  assert.equal(resumesOf('r-seam'), 0);

  clock.advance(GAP_RESUME_MS - 1);
  assert.equal(resumesOf('r-seam'), 0, 'a gap younger than the hold is not yet a seam');
  const resume = await gateway.received('resume', 'r-seam', () => clock.advance(1));
  assert.equal(resume.connection, conn);
  assert.deepEqual(resume.message, { action: 'resume', requestId: 'r-seam', sessionId: 's-test', afterSeq: 1 });

  conn.send(frames.delta('r-seam', 2, 'wor'), frames.done('r-seam', 4));
  const end = await answer.result;
  assert.equal(end.kind, 'done');
  assert.equal(answer.text, 'Hello world');
});

test('a gap is asked for 1 s after it appeared although the successor keeps streaming after it', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-streaming' });
  const conn = (await gateway.received('sendMessage', 'r-streaming')).connection;
  conn.send(frames.start('r-streaming'), frames.delta('r-streaming', 2, 'b'));
  await until(() => answer.hasGap, { what: 'the gap' });

  // A frame every 100 ms after the gap (a flush interval is 50 ms): the gap is still there 1 s after it appeared.
  for (let seq = 3; seq < 3 + GAP_RESUME_MS / 100; seq++) {
    conn.send(frames.delta('r-streaming', seq, 'x'));
    await settle();
    clock.advance(100);
  }
  await until(() => resumesOf('r-streaming') === 1, { what: 'the resume' });
  assert.ok(answer.hasGap);
  assert.equal(gateway.sent('resume').find((m) => m.message.requestId === 'r-streaming').message.afterSeq, 0);
});

test('a missing start frame holds every later frame until the resume brings it', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const deltas = [];
  const answer = client.ask('hi', { requestId: 'r-nostart', onDelta: (e) => deltas.push(e.text) });
  const conn = (await gateway.received('sendMessage', 'r-nostart')).connection;
  conn.send(frames.delta('r-nostart', 1, 'a'), frames.delta('r-nostart', 2, 'b'), frames.done('r-nostart', 3));
  await until(() => answer.hasGap, { what: 'the gap' });
  assert.equal(answer.text, '');

  const resume = await gateway.received('resume', 'r-nostart', () => clock.advance(GAP_RESUME_MS));
  assert.equal(resume.message.afterSeq, -1);
  // A task that replays the whole log repeats frames the answer holds: they are dropped by seq.
  conn.send(frames.start('r-nostart'), frames.delta('r-nostart', 1, 'a'), frames.delta('r-nostart', 2, 'b'), frames.done('r-nostart', 3));
  assert.equal((await answer.result).kind, 'done');
  assert.deepEqual(deltas, ['a', 'b']);
});

test('an answer whose last frames never came is resumed after a silence, and ends', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-silent' });
  const conn = (await gateway.received('sendMessage', 'r-silent')).connection;
  conn.send(frames.start('r-silent'), frames.delta('r-silent', 1, 'almost'));
  await until(() => answer.lastSeq === 1, { what: 'the first frames' });

  clock.advance(SILENCE_RESUME_MS - 1);
  assert.equal(resumesOf('r-silent'), 0, 'an answer that is merely slow is left alone until the silence is long');
  const resume = await gateway.received('resume', 'r-silent', () => clock.advance(1));
  assert.equal(resume.message.afterSeq, 1);
  conn.send(frames.delta('r-silent', 2, ' done'), frames.done('r-silent', 3));
  assert.equal((await answer.result).kind, 'done');
  assert.equal(answer.text, 'almost done');
});

test('a seam nobody fills is asked for a bounded number of times, and frames reset the count', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-stuck' });
  const conn = (await gateway.received('sendMessage', 'r-stuck')).connection;
  conn.send(frames.start('r-stuck'), frames.delta('r-stuck', 2, 'later'));
  await until(() => answer.hasGap, { what: 'the gap' });
  const resumes = () => resumesOf('r-stuck');

  for (let i = 1; i <= MAX_SEAM_RESUMES; i++) {
    await until(() => resumes() === i, { step: () => clock.advance(GAP_RESUME_MS), what: `resume ${i}` });
  }
  clock.advance(10 * SILENCE_RESUME_MS);
  // The gap filled by a frame (its arrival also proves any stray resume had time to reach the gateway).
  conn.send(frames.delta('r-stuck', 1, 'now '));
  await until(() => answer.text === 'now later', { what: 'the gap filled' });
  assert.equal(resumes(), MAX_SEAM_RESUMES);

  // Progress: a later silence is watched again.
  await until(() => resumes() === MAX_SEAM_RESUMES + 1, { step: () => clock.advance(SILENCE_RESUME_MS), what: 'resume after progress' });
  assert.equal(gateway.sent('resume').at(-1).message.afterSeq, 2);
});

test('an answer that ends is no longer watched', async (t) => {
  const { client, clock } = createSut(gateway);
  t.after(() => client.close());
  const answer = client.ask('hi', { requestId: 'r-ended' });
  const conn = (await gateway.received('sendMessage', 'r-ended')).connection;
  conn.send(frames.start('r-ended'), frames.done('r-ended', 1));
  await answer.result;
  assert.deepEqual(clock.pending().filter((p) => p.delay === SILENCE_RESUME_MS || p.delay === GAP_RESUME_MS), []);
});
