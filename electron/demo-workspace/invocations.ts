import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoConfig } from './config';
import { EMBEDDING_DIMENSIONS, embedText, toBase64Vector, toJsonVector } from './embeddings';
import type { EndpointRegistry } from './endpoint-registry';
import { type DemoEndpoint, speaksChat } from './endpoints';
import { httpFaultResponse, takeNamedHttpFault } from './faults';
import { type GeneratedChoice, generateChoices, outputCap } from './generation';
import {
  DemoHttpError,
  invalidParameter,
  isRecord,
  MAX_BODY_WITH_IMAGES_BYTES,
  parseJsonBody,
  readBody,
  sendJson,
} from './http-util';
import { checkPayloadSize } from './payload-size';
import { addReasoning } from './reasoning';
import { MAX_SIMULATED_MS, openStream, passGate, type ServerState, wait } from './request-gate';
import {
  type EmbeddingInvocation,
  type InvocationRoute,
  parseInvocation,
  type TextInvocation,
} from './request-parsing';
import { handleResponses } from './responses-handler';
import { specialAnswer } from './special-answers';
import { runStream, type UsageJson } from './streaming';
import { callTokens, toolCallChoices, wireToolCall } from './tool-call-choices';

/**
 * Serves one invocation request end to end: body → endpoint → validation → faults → rate
 * limits → generation → JSON or SSE answer. Responses API requests go to responses-handler.
 */

export { type DemoStats, MAX_STREAM_TRACES, type ServerState } from './request-gate';

function resolveEndpoint(
  endpoints: EndpointRegistry,
  route: InvocationRoute,
  pathName: string | undefined,
  body: unknown,
): DemoEndpoint {
  let name = pathName;
  if (route !== 'invocations') {
    if (!isRecord(body))
      throw new DemoHttpError(400, 'BAD_REQUEST', 'The request body must be a JSON object.');
    if (typeof body.model !== 'string' || body.model === '')
      throw invalidParameter('model is required: set it to the serving endpoint name.');
    name = body.model;
  }
  return endpoints.invocable(name ?? '');
}

/**
 * `resolveEndpoint`, except that an endpoint the demo does not serve answers an `http-error`
 * rule naming it, if there is one: how a test stands in for a retired endpoint (not listed,
 * its invocations answering 404 "… has been retired.").
 */
function resolveOrNamedFault(
  state: ServerState,
  route: InvocationRoute,
  pathName: string | undefined,
  body: unknown,
): DemoEndpoint {
  try {
    return resolveEndpoint(state.endpoints, route, pathName, body);
  } catch (err) {
    const name = route === 'invocations' ? pathName : isRecord(body) ? body.model : undefined;
    const fault = err instanceof DemoHttpError && err.status === 404 && typeof name === 'string';
    const rule = fault ? takeNamedHttpFault(state.config, name) : null;
    if (!rule) throw err;
    const { status, errorCode, message, headers } = httpFaultResponse(rule, name as string);
    throw new DemoHttpError(status, errorCode, message, headers);
  }
}

const newId = (prefix: string): string => `${prefix}-${randomBytes(12).toString('hex')}`;

/** Tokens a choice produced: its reasoning, its text and its tool calls' arguments. */
const choiceTokens = (choice: GeneratedChoice): number =>
  (choice.reasoning?.pieces.length ?? 0) + choice.pieces.length + callTokens(choice);

function usageOf(inv: TextInvocation, choices: GeneratedChoice[]): UsageJson {
  const prompt = inv.promptTokens.reduce((a, b) => a + b, 0);
  const completion = choices.reduce((total, choice) => total + choiceTokens(choice), 0);
  const usage: UsageJson = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
  if (inv.reasoning) {
    const reasoning = choices.reduce((total, choice) => total + (choice.reasoning?.pieces.length ?? 0), 0);
    usage.completion_tokens_details = { reasoning_tokens: reasoning };
  }
  return usage;
}

/** The choices of a (checked) text invocation, as a JSON or streamed answer carries them. */
export function generate(inv: TextInvocation, endpoint: DemoEndpoint, config: DemoConfig): GeneratedChoice[] {
  const lastUser = [...inv.messages].reverse().find((m) => m.role === 'user') ?? inv.messages.at(-1);
  const seedText = `${endpoint.name}\u0000${JSON.stringify(inv.messages)}`;
  const prompts =
    inv.kind === 'chat'
      ? [{ text: lastUser?.content ?? '', seedText }]
      : inv.prompts.map((text) => ({ text, seedText: `${endpoint.name}\u0000${text}` }));
  const special = inv.kind === 'chat' ? specialAnswer(inv.messages, inv.extras) : null;
  const longest = Math.max(...inv.promptTokens);
  if (special?.kind === 'calls')
    return toolCallChoices(
      special.calls,
      inv.params.n,
      outputCap(inv.params.maxTokens, endpoint.contextWindow - longest),
    );
  // A chat endpoint answering `prompt` behaves as a completions model (the brief's DBRX example).
  const style = inv.kind === 'chat' ? 'chat' : 'completions';
  const contextRoom = endpoint.contextWindow - longest;
  const choices = generateChoices({
    style,
    prompts,
    params: inv.params,
    forcedTokens: config.responseTokens,
    fixedText: special?.text ?? config.responseText,
    contextRoom,
  });
  if (!inv.reasoning) return choices;
  const cap = outputCap(inv.params.maxTokens, contextRoom);
  return addReasoning(choices, inv.reasoning, {
    promptText: lastUser?.content ?? '',
    seedText,
    params: inv.params,
    cap,
    fixedText: config.reasoningText,
  });
}

/** A chat message's content: a string, or reasoning and text items when the model reasoned. */
function messageContent(choice: GeneratedChoice): unknown {
  const reasoning = choice.reasoning;
  if (!reasoning) return choice.text;
  const summary = [{ type: 'summary_text', text: reasoning.text, signature: reasoning.signature }];
  const content: unknown[] = [{ type: 'reasoning', summary }];
  // A max_tokens reached while reasoning leaves no answer text at all.
  if (choice.pieces.length > 0) content.push({ type: 'text', text: choice.text });
  return content;
}

/** The assistant message of a JSON answer: text (with reasoning items) or tool calls. */
function chatMessage(choice: GeneratedChoice): Record<string, unknown> {
  if (!choice.toolCalls) return { role: 'assistant', content: messageContent(choice) };
  return { role: 'assistant', content: null, tool_calls: choice.toolCalls.map(wireToolCall) };
}

function textBody(inv: TextInvocation, endpoint: DemoEndpoint, choices: GeneratedChoice[], usage: UsageJson) {
  const chat = inv.kind === 'chat';
  return {
    id: newId(chat ? 'chatcmpl' : 'cmpl'),
    object: chat ? 'chat.completion' : 'text_completion',
    created: Math.floor(Date.now() / 1000),
    model: endpoint.servedModel,
    choices: choices.map((choice) =>
      chat
        ? {
            index: choice.index,
            message: chatMessage(choice),
            finish_reason: choice.finishReason,
            logprobs: null,
          }
        : { index: choice.index, text: choice.text, finish_reason: choice.finishReason, logprobs: null },
    ),
    usage,
  };
}

async function answerText(
  state: ServerState,
  res: ServerResponse,
  inv: TextInvocation,
  endpoint: DemoEndpoint,
  pass: NonNullable<Awaited<ReturnType<typeof passGate>>>,
): Promise<void> {
  const { config } = state;
  const choices = generate(inv, endpoint, config);
  const usage = usageOf(inv, choices);
  if (inv.stream) {
    const id = newId(inv.kind === 'chat' ? 'chatcmpl' : 'cmpl');
    const { trace, onEnd } = openStream(state, id, endpoint, pass.settle);
    runStream({
      res,
      style: inv.kind,
      id,
      trace,
      created: Math.floor(Date.now() / 1000),
      model: endpoint.servedModel,
      choices,
      usage,
      ttftMs: config.ttftMs,
      tokensPerSec: config.tokensPerSec,
      ...(pass.streamFault ? { fault: pass.streamFault } : {}),
      onEnd,
    });
    return;
  }
  // Choices are generated in parallel, so latency follows the longest one.
  const longest = Math.max(0, ...choices.map(choiceTokens));
  const latency = Math.min(MAX_SIMULATED_MS, config.ttftMs + (longest * 1000) / config.tokensPerSec);
  const alive = await wait(res, latency);
  pass.settle(alive ? usage.completion_tokens : 0);
  if (alive) state.stats.tokensSent += usage.completion_tokens;
  if (alive)
    sendJson(res, 200, textBody(inv, endpoint, choices, usage), {
      'served-model-name': endpoint.servedModel,
    });
}

async function answerEmbeddings(
  state: ServerState,
  res: ServerResponse,
  inv: EmbeddingInvocation,
  endpoint: DemoEndpoint,
): Promise<void> {
  const profile = endpoint.embeddingProfile ?? 'bge';
  const data = inv.inputs.map((text, index) => {
    const vector = embedText(text, profile);
    return {
      index,
      object: 'embedding',
      embedding: inv.base64 ? toBase64Vector(vector) : toJsonVector(vector),
    };
  });
  // Embedding models answer faster than chat models start streaming.
  if (!(await wait(res, state.config.ttftMs / 4))) return;
  const usage = { prompt_tokens: inv.promptTokens, total_tokens: inv.promptTokens };
  const body = { object: 'list', model: endpoint.servedModel, data, usage };
  sendJson(res, 200, body, {
    'served-model-name': endpoint.servedModel,
    'x-embedding-dimensions': String(EMBEDDING_DIMENSIONS),
  });
}

/**
 * Whether an invocation is a Responses request: agents always take that shape, and a
 * Responses-only model takes it when the body has `input` (its only API).
 */
function isResponsesInvocation(route: InvocationRoute, endpoint: DemoEndpoint, body: unknown): boolean {
  if (route === 'responses') return true;
  if (route !== 'invocations') return false;
  if (endpoint.task === 'agent/v1/responses') return true;
  return !speaksChat(endpoint) && isRecord(body) && body.input !== undefined;
}

/** Handles POST /serving-endpoints/{name}/invocations and the OpenAI-compatible routes. */
export async function handleInvocation(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
  route: InvocationRoute,
  pathName?: string,
): Promise<void> {
  state.stats.requests += 1;
  const raw = await readBody(req, MAX_BODY_WITH_IMAGES_BYTES);
  const body = parseJsonBody(raw);
  checkPayloadSize(raw.length, body);
  const endpoint = resolveOrNamedFault(state, route, pathName, body);
  if (isResponsesInvocation(route, endpoint, body)) return handleResponses(state, res, endpoint, body);
  const inv = parseInvocation(body, endpoint, route as Exclude<InvocationRoute, 'responses'>);
  const textInv = inv.kind === 'embeddings' ? null : inv;
  const reservedOutput = textInv?.params.maxTokens
    ? textInv.params.maxTokens * textInv.params.n * textInv.promptTokens.length
    : 0;
  const inputTokens = textInv
    ? textInv.promptTokens.reduce((a, b) => a + b, 0)
    : (inv as EmbeddingInvocation).promptTokens;
  const pass = await passGate(state, res, endpoint, {
    streaming: textInv?.stream ?? false,
    inputTokens,
    reservedOutput,
  });
  if (!pass) return;
  if (!textInv) return answerEmbeddings(state, res, inv as EmbeddingInvocation, endpoint);
  return answerText(state, res, textInv, endpoint, pass);
}
