// Official AWS SDK for JavaScript v3 against the Bedrock Runtime emulator.
// Usage: node bedrock.mjs <endpoint> <scenario|all>
// Prints one JSON object to stdout: the scenario's result, or {scenarioName: result, ...} for "all".
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
} from "@aws-sdk/client-bedrock-runtime";
import { randomUUID } from "node:crypto";

const [endpoint, scenario = "all"] = process.argv.slice(2);
if (!endpoint) {
  console.error("usage: node bedrock.mjs <endpoint> <scenario|all>");
  process.exit(2);
}

const SONNET = "us.anthropic.claude-3-5-sonnet-20240620-v1:0";
const SONNET_46 = "global.anthropic.claude-sonnet-4-6";
const HAIKU_35 = "anthropic.claude-3-5-haiku-20241022-v1:0";
const TITAN = "amazon.titan-embed-text-v2:0";

function client(maxAttempts = 1) {
  return new BedrockRuntimeClient({
    region: "us-east-1",
    endpoint,
    maxAttempts,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  });
}

function userMessage(text, prefill) {
  const messages = [{ role: "user", content: [{ text }] }];
  if (prefill !== undefined) messages.push({ role: "assistant", content: [{ text: prefill }] });
  return messages;
}

function describeError(error) {
  return {
    name: error?.name,
    message: error?.message,
    fault: error?.$fault,
    httpStatusCode: error?.$metadata?.httpStatusCode,
    requestId: error?.$metadata?.requestId,
    originalStatusCode: error?.originalStatusCode,
    originalMessage: error?.originalMessage,
  };
}

// Streams an answer, recording every event; an error thrown mid-stream is recorded with the events before it.
async function converseStream(text, { prefill, maxTokens, maxAttempts, modelId, system, guardrailConfig } = {}) {
  const result = { events: [], text: "", stopReason: null, usage: null, metrics: null, error: null };
  try {
    const response = await client(maxAttempts).send(new ConverseStreamCommand({
      modelId: modelId ?? SONNET,
      messages: userMessage(text, prefill),
      system: system ?? [{ text: "You are MangaAssist." }],
      inferenceConfig: { maxTokens: maxTokens ?? 512, temperature: 0.5, topP: 0.9 },
      guardrailConfig,
    }));
    result.httpStatusCode = response.$metadata.httpStatusCode;
    result.attempts = response.$metadata.attempts;
    result.requestId = response.$metadata.requestId;
    for await (const event of response.stream) {
      const kind = Object.keys(event).find((k) => event[k] !== undefined);
      result.events.push(kind);
      if (event.messageStart) result.role = event.messageStart.role;
      if (event.contentBlockDelta) result.text += event.contentBlockDelta.delta?.text ?? "";
      if (event.messageStop) result.stopReason = event.messageStop.stopReason;
      if (event.metadata) {
        result.usage = event.metadata.usage;
        result.metrics = event.metadata.metrics;
      }
    }
  } catch (error) {
    result.error = describeError(error);
  }
  return result;
}

async function converse(text) {
  try {
    const response = await client().send(new ConverseCommand({
      modelId: SONNET,
      messages: userMessage(text),
      inferenceConfig: { maxTokens: 512 },
    }));
    return {
      text: response.output?.message?.content?.map((c) => c.text).join("") ?? null,
      role: response.output?.message?.role,
      stopReason: response.stopReason,
      usage: response.usage,
      metrics: response.metrics,
      error: null,
    };
  } catch (error) {
    return { error: describeError(error) };
  }
}

async function invokeTitan(inputText, dimensions) {
  try {
    const response = await client().send(new InvokeModelCommand({
      modelId: TITAN,
      contentType: "application/json",
      accept: "application/json",
      body: JSON.stringify({ inputText, dimensions, normalize: true }),
    }));
    const body = JSON.parse(new TextDecoder().decode(response.body));
    const norm = Math.sqrt(body.embedding.reduce((sum, v) => sum + v * v, 0));
    return { dimensions: body.embedding.length, norm, inputTextTokenCount: body.inputTextTokenCount, error: null };
  } catch (error) {
    return { error: describeError(error) };
  }
}

async function unknownModel() {
  try {
    await client().send(new ConverseCommand({ modelId: "anthropic.claude-not a model", messages: userMessage("hi") }));
    return { error: null };
  } catch (error) {
    return { error: describeError(error) };
  }
}

async function continuation() {
  const question = `Continue me [[tokens:40]] ${randomUUID()}`;
  const whole = await converseStream(question);
  const prefill = whole.text.slice(0, Math.floor(whole.text.length / 2)).trimEnd();
  const rest = await converseStream(question, { prefill });
  return { whole: whole.text, prefill, rest: rest.text, joined: prefill + rest.text, error: rest.error };
}

// A long system prompt with a cache point, asked twice: the first call writes the prefix, the second reads it.
async function promptCache() {
  const system = [{ text: `${"Manga shop rules. ".repeat(900)}${randomUUID()}` }, { cachePoint: { type: "default" } }];
  const first = await converseStream("First [[tokens:4]]", { modelId: HAIKU_35, system });
  const second = await converseStream("Second [[tokens:4]]", { modelId: HAIKU_35, system });
  return { first: first.usage, second: second.usage, error: first.error ?? second.error };
}

const scenarios = {
  "prefill-refused": () => converseStream("Continue me [[tokens:5]]", { modelId: SONNET_46, prefill: "Try" }),
  "guardrail": () => converseStream("Off-topic [[tokens:10]] [[guardrail:3]]", {
    modelId: SONNET_46,
    guardrailConfig: { guardrailIdentifier: "gr-local", guardrailVersion: "1", streamProcessingMode: "async", trace: "enabled" },
  }),
  "prompt-cache": promptCache,
  "converse-stream": () => converseStream("Which shonen manga should I read first? [[tokens:12]]"),
  "converse-stream-max-tokens": () => converseStream("Long one [[tokens:50]]", { maxTokens: 5 }),
  "converse": () => converse("Which shonen manga should I read first? [[tokens:12]]"),
  "invoke-titan": () => invokeTitan("海賊が主人公の冒険漫画", 512),
  "continuation": continuation,
  "unknown-model": unknownModel,
  "http-503": () => converseStream("Busy [[fault:503]]"),
  "http-429": () => converseStream("Busy [[fault:429]]"),
  "http-500": () => converseStream("Broken [[fault:500]]"),
  "http-408": () => converse("Slow [[fault:408]]"),
  "http-424": () => converse("Model error [[fault:424]]"),
  "model-not-ready": () => converse("Cold [[fault:model-not-ready]]"),
  "quota": () => converse("Too much [[fault:quota]]"),
  "access-denied": () => converse("No access [[fault:403]]"),
  "stream-error": () => converseStream("Breaks mid-way [[tokens:20]] [[fault:stream-error:4]]"),
  "stream-throttle": () => converseStream("Throttled mid-way [[tokens:20]] [[fault:stream-throttle:4]]"),
  "stream-internal": () => converseStream("Internal mid-way [[tokens:20]] [[fault:stream-internal:4]]"),
  "stream-unavailable": () => converseStream("Unavailable mid-way [[tokens:20]] [[fault:stream-unavailable:4]]"),
  "reset": () => converseStream("Reset mid-way [[tokens:20]] [[fault:reset:4]]"),
  "retry-succeeds": () => converseStream(`Retried by the SDK [[tokens:5]] [[fault:503:x2]] ${randomUUID()}`, { maxAttempts: 3 }),
};

async function run(name) {
  const scenarioFn = scenarios[name];
  if (!scenarioFn) throw new Error(`unknown scenario '${name}'; known: all, ${Object.keys(scenarios).join(", ")}`);
  return scenarioFn();
}

try {
  let output;
  if (scenario === "all") {
    output = {};
    for (const name of Object.keys(scenarios)) output[name] = await run(name);
  } else {
    output = await run(scenario);
  }
  process.stdout.write(JSON.stringify(output) + "\n");
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exit(1);
}
