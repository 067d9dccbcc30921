// Drives the API Gateway emulator with the official AWS SDK for JavaScript v3 management client.
// Usage: node apigateway.mjs http://127.0.0.1:<port>/local [token issuer, e.g. http://127.0.0.1:8070]
// With an issuer the socket connects as a shopper would: a token first, then ?token= on the URL.
// Prints one JSON object on stdout; exits non-zero (with the error on stderr) if anything unexpected happens.
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
  GetConnectionCommand,
  DeleteConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import WebSocket from "ws";

const endpoint = process.argv[2];
if (!endpoint) {
  console.error("usage: node apigateway.mjs <management endpoint, e.g. http://127.0.0.1:8080/local>");
  process.exit(2);
}

const issuer = process.argv[3];
const origin = new URL(endpoint).origin;
let socketUrl = endpoint.replace(/^http/, "ws") + "?client=sdk-compat";
if (issuer) {
  const answer = await fetch(`${issuer}/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sub: "sdk-compat" }),
  });
  if (!answer.ok) {
    throw new Error(`the token issuer answered ${answer.status}`);
  }
  socketUrl += `&token=${encodeURIComponent((await answer.json()).token)}`;
}
const client = new ApiGatewayManagementApiClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  maxAttempts: 1,
});

const withTimeout = (promise, what, ms = 10000) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms).unref()),
  ]);

const errorOf = async (command) => {
  try {
    await client.send(command);
    return { name: "none", status: 200 };
  } catch (error) {
    return { name: error.name, status: error.$metadata?.httpStatusCode, message: error.message };
  }
};

const ws = new WebSocket(socketUrl, { headers: { "User-Agent": "sdk-compat-ws" } });
const messages = [];
const nextMessage = () => new Promise((resolve) => ws.once("message", (data) => resolve(data.toString("utf8"))));
const closed = new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
await withTimeout(new Promise((resolve, reject) => { ws.once("open", resolve); ws.once("error", reject); }), "the socket to open");

const listed = await (await fetch(`${origin}/_emulator/connections`)).json();
if (listed.connectionIds.length !== 1) {
  throw new Error(`expected exactly one open connection, got ${JSON.stringify(listed)}`);
}
const ConnectionId = listed.connectionIds[0];

const firstMessage = nextMessage();
const post = await client.send(new PostToConnectionCommand({ ConnectionId, Data: new TextEncoder().encode("hello from the official SDK ✓") }));
const received = await withTimeout(firstMessage, "the posted message");
messages.push(received);

const description = await client.send(new GetConnectionCommand({ ConnectionId }));

const tooLarge = await errorOf(new PostToConnectionCommand({ ConnectionId, Data: new Uint8Array(128 * 1024 + 1) }));

const setFaults = (body) =>
  fetch(`${origin}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
await setFaults({ postToConnection429: 1, seed: 1 });
const throttled = await errorOf(new PostToConnectionCommand({ ConnectionId, Data: new TextEncoder().encode("throttled") }));
await fetch(`${origin}/_emulator/faults`, { method: "DELETE" });

// The same SDK call with the Authorization header removed after signing, as an unsigned caller would send it.
client.middlewareStack.addRelativeTo(
  (next) => (args) => {
    delete args.request.headers.authorization;
    return next(args);
  },
  { name: "stripAuthorization", relation: "after", toMiddleware: "httpSigningMiddleware" },
);
const unsigned = await errorOf(new GetConnectionCommand({ ConnectionId }));
client.middlewareStack.remove("stripAuthorization");

const deleted = await client.send(new DeleteConnectionCommand({ ConnectionId }));
const close = await withTimeout(closed, "the socket to close");

const gone = await errorOf(new PostToConnectionCommand({ ConnectionId, Data: new TextEncoder().encode("too late") }));

console.log(JSON.stringify({
  connectionId: ConnectionId,
  postStatus: post.$metadata.httpStatusCode,
  received,
  getConnection: {
    status: description.$metadata.httpStatusCode,
    connectedAt: description.ConnectedAt instanceof Date ? description.ConnectedAt.toISOString() : null,
    lastActiveAt: description.LastActiveAt instanceof Date ? description.LastActiveAt.toISOString() : null,
    sourceIp: description.Identity?.SourceIp ?? null,
    userAgent: description.Identity?.UserAgent ?? null,
  },
  tooLarge,
  throttled,
  unsigned,
  deleteStatus: deleted.$metadata.httpStatusCode,
  closeCode: close.code,
  gone,
}));
