import { WebSocket } from 'ws';
import { ChatClient } from '../../src/index.js';
import { FakeClock } from './fake-clock.js';

/**
 * Builds the client under test against a fake gateway, with a fake clock and a fixed random (0: no jitter wait).
 * @param {{ url: string }} gateway
 * @param {Partial<import('../../index').ChatClientOptions> & { tokens?: string[] }} [overrides]
 */
export function createSut(gateway, overrides = {}) {
  const clock = new FakeClock();
  const states = [];
  const errors = [];
  const tokenRequests = [];
  const tokens = overrides.tokens ?? ['token-1'];
  const client = new ChatClient({
    url: gateway.url,
    WebSocket,
    getToken: async (request) => {
      tokenRequests.push(request);
      return tokens[Math.min(tokenRequests.length - 1, tokens.length - 1)];
    },
    clock,
    random: () => 0,
    sessionId: 's-test',
    onState: (state) => states.push(state),
    onError: (error) => errors.push(error),
    ...overrides,
  });
  return { client, clock, states, errors, tokenRequests };
}
