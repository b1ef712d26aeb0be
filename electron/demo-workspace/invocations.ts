import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoConfig } from './config';
import { limitsFor } from './config';
import { EMBEDDING_DIMENSIONS, embedText, toBase64Vector, toJsonVector } from './embeddings';
import type { EndpointRegistry } from './endpoint-registry';
import type { DemoEndpoint } from './endpoints';
import { httpFaultResponse, takeFaults } from './faults';
import { type GeneratedChoice, generateChoices } from './generation';
import { DemoHttpError, invalidParameter, isRecord, parseJsonBody, readBody, sendJson } from './http-util';
import type { RateLimiter } from './rate-limiter';
import {
  type EmbeddingInvocation,
  type InvocationRoute,
  parseInvocation,
  type TextInvocation,
} from './request-parsing';
import { preciseNow, runStream, type StreamTrace, type UsageJson } from './streaming';

/**
 * Serves one invocation request end to end: body → endpoint → validation → faults → rate
 * limits → generation → JSON or SSE answer.
 */

/** The server's live state, shared by all requests. */
/** How many stream traces /__demo/stats keeps (the newest). */
export const MAX_STREAM_TRACES = 200;

/** Counters and recent stream timings, exposed at GET /__demo/stats. */
export interface DemoStats {
  requests: number;
  activeStreams: number;
  tokensSent: number;
  /** The newest streams' timings, oldest first (benchmarks line them up with the page's). */
  streams: StreamTrace[];
}

export interface ServerState {
  config: DemoConfig;
  limiter: RateLimiter;
  /** Every endpoint, fixed and provisioned (which come and go). */
  endpoints: EndpointRegistry;
  /** Counters exposed at GET /__demo/stats (tests check that a disconnect stops generation). */
  stats: DemoStats;
}

/** Requests time out server-side after about 297 s; simulated latency never goes beyond. */
const MAX_SIMULATED_MS = 290_000;

/** Waits `ms`, resolving early (with false) if the client goes away. */
function wait(res: ServerResponse, ms: number): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}

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

const newId = (prefix: string): string => `${prefix}-${randomBytes(12).toString('hex')}`;

function usageOf(inv: TextInvocation, choices: GeneratedChoice[]): UsageJson {
  const prompt = inv.promptTokens.reduce((a, b) => a + b, 0);
  const completion = choices.reduce((total, choice) => total + choice.pieces.length, 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function generate(inv: TextInvocation, endpoint: DemoEndpoint, config: DemoConfig): GeneratedChoice[] {
  const lastUser = [...inv.messages].reverse().find((m) => m.role === 'user') ?? inv.messages.at(-1);
  const prompts =
    inv.kind === 'chat'
      ? [{ text: lastUser?.content ?? '', seedText: `${endpoint.name}\u0000${JSON.stringify(inv.messages)}` }]
      : inv.prompts.map((text) => ({ text, seedText: `${endpoint.name}\u0000${text}` }));
  const longest = Math.max(...inv.promptTokens);
  // A chat endpoint answering `prompt` behaves as a completions model (the brief's DBRX example).
  const style = inv.kind === 'chat' ? 'chat' : 'completions';
  return generateChoices({
    style,
    prompts,
    params: inv.params,
    forcedTokens: config.responseTokens,
    fixedText: config.responseText,
    contextRoom: endpoint.contextWindow - longest,
  });
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
            message: { role: 'assistant', content: choice.text },
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
  settle: (tokens: number) => void,
  fault: ReturnType<typeof takeFaults>['stream'],
): Promise<void> {
  const { config } = state;
  const choices = generate(inv, endpoint, config);
  const usage = usageOf(inv, choices);
  if (inv.stream) {
    state.stats.activeStreams += 1;
    const id = newId(inv.kind === 'chat' ? 'chatcmpl' : 'cmpl');
    const trace: StreamTrace = {
      id,
      endpoint: endpoint.name,
      headersAt: preciseNow(),
      firstTokenAt: null,
      lastTokenAt: null,
      endedAt: null,
      tokens: 0,
      clientClosed: false,
    };
    state.stats.streams.push(trace);
    if (state.stats.streams.length > MAX_STREAM_TRACES) state.stats.streams.shift();
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
      ...(fault ? { fault } : {}),
      onEnd: (sent) => {
        state.stats.activeStreams -= 1;
        state.stats.tokensSent += sent;
        settle(sent);
      },
    });
    return;
  }
  // Choices are generated in parallel, so latency follows the longest one.
  const longest = Math.max(0, ...choices.map((choice) => choice.pieces.length));
  const latency = Math.min(MAX_SIMULATED_MS, config.ttftMs + (longest * 1000) / config.tokensPerSec);
  const alive = await wait(res, latency);
  settle(alive ? usage.completion_tokens : 0);
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

/** Handles POST /serving-endpoints/{name}/invocations and the OpenAI-compatible routes. */
export async function handleInvocation(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
  route: InvocationRoute,
  pathName?: string,
): Promise<void> {
  state.stats.requests += 1;
  const body = parseJsonBody(await readBody(req));
  const endpoint = resolveEndpoint(state.endpoints, route, pathName, body);
  const inv = parseInvocation(body, endpoint, route);
  const faults = takeFaults(state.config, endpoint.name, inv.kind !== 'embeddings' && inv.stream);
  if (faults.delay && !(await wait(res, faults.delay.delayMs))) return;
  if (faults.drop) {
    res.destroy();
    return;
  }
  if (faults.http) {
    const { status, errorCode, message, headers } = httpFaultResponse(faults.http, endpoint.name);
    throw new DemoHttpError(status, errorCode, message, headers);
  }
  const textInv = inv.kind === 'embeddings' ? null : inv;
  const reserve = textInv?.params.maxTokens
    ? textInv.params.maxTokens * textInv.params.n * textInv.promptTokens.length
    : 0;
  const inputTokens = textInv
    ? textInv.promptTokens.reduce((a, b) => a + b, 0)
    : (inv as EmbeddingInvocation).promptTokens;
  const admission = state.limiter.admit(
    endpoint.name,
    limitsFor(state.config, endpoint.name),
    inputTokens,
    reserve,
  );
  if (!admission.ok)
    throw new DemoHttpError(429, 'REQUEST_LIMIT_EXCEEDED', admission.message, {
      'retry-after': String(admission.retryAfterSec),
    });
  if (!textInv) return answerEmbeddings(state, res, inv as EmbeddingInvocation, endpoint);
  const settle = (tokens: number): void => state.limiter.settle(admission.ticket, tokens);
  return answerText(state, res, textInv, endpoint, settle, faults.stream);
}
