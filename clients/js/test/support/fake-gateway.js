import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { until } from './until.js';

/**
 * A stand-in for API Gateway plus the service, on loopback: real WebSocket upgrades (refused with 401 when the
 * token is not accepted), every client message recorded, frames sent by the test, sockets dropped on demand.
 *
 * @param {{ acceptToken?: (token: string | null) => boolean }} [options]
 */
export async function startFakeGateway({ acceptToken = () => true } = {}) {
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true });
  /** @type {string[]} */
  const tokens = [];
  /** @type {GatewayConnection[]} */
  const connections = [];
  /** @type {{ connection: GatewayConnection, message: any }[]} */
  const messages = [];

  server.on('upgrade', (request, socket, head) => {
    const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token');
    tokens.push(token ?? '');
    if (!acceptToken(token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new GatewayConnection(ws, connections.length);
      connections.push(connection);
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString());
        connection.messages.push(message);
        messages.push({ connection, message });
      });
    });
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `ws://127.0.0.1:${port}/local`,
    tokens,
    connections,
    messages,
    /** Client messages with this action, in arrival order. */
    sent: (action) => messages.filter((m) => m.message.action === action),
    /**
     * Waits for the first client message with this action and requestId; `step` runs between checks (a fake clock).
     * @returns {Promise<{ connection: GatewayConnection, message: any }>}
     */
    async received(action, requestId, step) {
      const find = () => messages.find((m) => m.message.action === action && m.message.requestId === requestId);
      await until(() => find() !== undefined, { step, what: `${action} ${requestId}` });
      return /** @type {{ connection: GatewayConnection, message: any }} */ (find());
    },
    async close() {
      for (const c of connections) c.ws.terminate();
      wss.close();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

export class GatewayConnection {
  /** @param {import('ws').WebSocket} ws @param {number} index */
  constructor(ws, index) {
    this.ws = ws;
    this.index = index;
    /** @type {any[]} */
    this.messages = [];
  }

  get isOpen() { return this.ws.readyState === this.ws.OPEN; }

  /** @param {...object} frames */
  send(...frames) {
    for (const frame of frames) this.ws.send(JSON.stringify(frame));
  }

  /** Cuts the TCP connection with no close handshake, like a phone losing its network. */
  drop() { this.ws.terminate(); }
}

/** Frames of one answer, numbered from `firstSeq`. */
export const frames = {
  start: (requestId, seq = 0) => ({ type: 'start', requestId, seq, model: 'test-model' }),
  delta: (requestId, seq, text) => ({ type: 'delta', requestId, seq, text }),
  citations: (requestId, seq, items) => ({ type: 'citations', requestId, seq, items }),
  done: (requestId, seq) => ({
    type: 'done', requestId, seq, stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 2 }, cached: false, model: 'test-model',
  }),
  error: (requestId, seq, code, extra = {}) => ({
    type: 'error', requestId, seq, code, message: `test ${code}`, retryable: true, partial: false, ...extra,
  }),
};
