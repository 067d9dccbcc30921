// Official AWS SDK for JavaScript v3 against the Bedrock Runtime emulator's failure kinds (issue 15).
// Usage: node bedrock-faults.mjs <endpoint>
// Prints one JSON object to stdout: {scenarioName: {events, text, stopReason, error}, ...}.
import { BedrockRuntimeClient, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";

const [endpoint] = process.argv.slice(2);
if (!endpoint) {
  console.error("usage: node bedrock-faults.mjs <endpoint>");
  process.exit(2);
}

const SONNET = "us.anthropic.claude-3-5-sonnet-20240620-v1:0";
const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";

const client = new BedrockRuntimeClient({
  region: "us-east-1",
  endpoint,
  maxAttempts: 1,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
});

// One streamed answer: the event names in order, the text, the stop reason, and the error that ended it, if any.
async function stream(text, modelId = SONNET) {
  const result = { events: [], text: "", stopReason: null, error: null };
  try {
    const response = await client.send(new ConverseStreamCommand({
      modelId,
      messages: [{ role: "user", content: [{ text }] }],
      inferenceConfig: { maxTokens: 512 },
    }));
    for await (const event of response.stream) {
      result.events.push(Object.keys(event).find((k) => event[k] !== undefined));
      if (event.contentBlockDelta) result.text += event.contentBlockDelta.delta?.text ?? "";
      if (event.messageStop) result.stopReason = event.messageStop.stopReason;
    }
  } catch (error) {
    result.error = {
      name: error?.name,
      message: error?.message,
      httpStatusCode: error?.$metadata?.httpStatusCode,
      retryAfter: error?.$response?.headers?.["retry-after"] ?? null,
    };
  }
  return result;
}

const scenarios = {
  "malformed": () => stream("Corrupt [[tokens:20]] [[fault:malformed:3]]"),
  "no-end": () => stream("Quiet end [[tokens:20]] [[fault:no-end:3]]"),
  "context-too-long": () => stream("Too long [[fault:context-too-long]]"),
  "content-filtered": () => stream("Filtered [[tokens:20]] [[fault:content-filtered:3]]"),
  "reset-before-headers": () => stream("Dropped [[fault:reset-before-headers]]"),
  "throttled-with-hint": () => stream("Busy [[fault:429]] [[retry-after:2]]"),
  "scoped-other-model": () => stream("Scoped [[fault:503@sonnet]] [[tokens:3]]", HAIKU),
};

try {
  const output = {};
  for (const [name, run] of Object.entries(scenarios)) output[name] = await run();
  process.stdout.write(JSON.stringify(output) + "\n");
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exit(1);
}
