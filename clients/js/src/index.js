export { ChatClient } from './client.js';
export { Answer } from './answer.js';
export { backoffDelay } from './backoff.js';
export { systemClock } from './clock.js';
