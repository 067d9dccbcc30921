// The client library against the real local stack (run by tests/MangaAssist.Page.Tests, not by `npm test`): asks,
// has the gateway emulator drop the socket mid-answer, and prints what the application saw as one JSON line.
// Usage: node drop-and-resume.mjs <gateway ws url> <gateway http url> <token endpoint> <message>
import { WebSocket } from 'ws';
import { ChatClient } from '../../src/index.js';

const [gatewayWs, gatewayHttp, tokenEndpoint, message] = process.argv.slice(2);
if (!gatewayWs || !gatewayHttp || !tokenEndpoint || !message) {
  console.error('usage: node drop-and-resume.mjs <gateway ws url> <gateway http url> <token endpoint> <message>');
  process.exit(2);
}

const openConnections = async () => {
  const response = await fetch(new URL('/_emulator/connections', gatewayHttp));
  return new Set((await response.json()).connectionIds);
};

const before = await openConnections();
const states = [];
const client = new ChatClient({
  url: gatewayWs,
  WebSocket,
  getToken: async () => {
    const response = await fetch(tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"guest":true}' });
    return (await response.json()).token;
  },
  onState: (state) => states.push(state.status),
});

let deltas = 0;
let dropped = null;
const answer = client.ask(message, {
  onDelta: () => {
    deltas += 1;
    // Half-way through the stream, once: cut this client's socket the way a phone losing signal does.
    if (deltas === 5 && dropped === null) dropped = dropOwnSocket();
  },
});

async function dropOwnSocket() {
  const mine = [...(await openConnections())].filter((id) => !before.has(id));
  if (mine.length !== 1) throw new Error(`expected one new connection, found ${mine.length}`);
  const response = await fetch(new URL(`/_emulator/connections/${encodeURIComponent(mine[0])}/drop`, gatewayHttp), { method: 'POST' });
  if (response.status !== 204) throw new Error(`drop answered ${response.status}`);
  return mine[0];
}

const end = await answer.result;
const droppedId = await dropped;
client.close();
console.log(JSON.stringify({ kind: end.kind, code: end.code ?? null, text: answer.text, droppedId, states, citations: answer.citations.length }));
