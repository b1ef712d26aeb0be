import type { ServerResponse } from 'node:http';
import { agentItems } from './agent';
import type { DemoConfig } from './config';
import { type DemoEndpoint, speaksResponses } from './endpoints';
import { generateChoices, outputCap } from './generation';
import { DemoHttpError, sendJson } from './http-util';
import { runPacedStream } from './paced-sse';
import { addReasoning } from './reasoning';
import { MAX_SIMULATED_MS, openStream, passGate, type ServerState, wait } from './request-gate';
import {
  applyOutputBudget,
  type ItemSpec,
  modelItems,
  planResponse,
  type ResponsePlan,
  responseJson,
} from './responses-output';
import { parseResponsesRequest, type ResponsesInvocation } from './responses-request';
import { responsesScript } from './responses-stream';
import { specialAnswer } from './special-answers';
import { tokenize } from './tokenizer';

/**
 * Serves a Responses API request end to end (`POST /serving-endpoints/responses`, or the
 * invocations route of an agent or Responses-only endpoint): validation → faults → rate
 * limits → output items → JSON or typed SSE events. Endpoints that do not speak the
 * Responses API answer 400, as the brief's 2024 models do.
 */

function refuse(endpoint: DemoEndpoint): DemoHttpError {
  const instead =
    endpoint.task === 'llm/v1/embeddings'
      ? 'It is an embeddings endpoint: use POST /serving-endpoints/embeddings.'
      : 'Use Chat Completions (POST /serving-endpoints/chat/completions) instead.';
  return new DemoHttpError(
    400,
    'BAD_REQUEST',
    `Endpoint ${endpoint.name} does not support the Responses API. ${instead}`,
  );
}

/** The items of a model's answer: generated text, with reasoning in front when asked for. */
function modelAnswer(inv: ResponsesInvocation, endpoint: DemoEndpoint, config: DemoConfig, seedText: string) {
  const special = specialAnswer(inv.messages, inv.extras);
  if (special?.kind === 'calls') {
    const calls: ItemSpec[] = special.calls.map((call) => ({
      kind: 'function_call',
      name: call.name,
      callId: call.id,
      pieces: tokenize(call.arguments),
    }));
    return applyOutputBudget(
      calls,
      outputCap(inv.params.maxTokens, endpoint.contextWindow - inv.promptTokens),
    );
  }
  const contextRoom = endpoint.contextWindow - inv.promptTokens;
  let choices = generateChoices({
    style: 'chat',
    prompts: [{ text: inv.promptText, seedText }],
    params: inv.params,
    forcedTokens: config.responseTokens,
    fixedText: special?.text ?? config.responseText,
    contextRoom,
  });
  if (inv.reasoning) {
    const cap = outputCap(inv.params.maxTokens, contextRoom);
    choices = addReasoning(choices, inv.reasoning, {
      promptText: inv.promptText,
      seedText,
      params: inv.params,
      cap,
      fixedText: config.reasoningText,
    });
  }
  const choice = choices[0];
  if (!choice) return { items: [] as ItemSpec[], complete: true };
  return { items: modelItems(choice), complete: choice.finishReason !== 'length' };
}

function plan(inv: ResponsesInvocation, endpoint: DemoEndpoint, config: DemoConfig): ResponsePlan {
  const seedText = `${endpoint.name}\u0000${JSON.stringify(inv.messages)}`;
  const answer =
    endpoint.task === 'agent/v1/responses'
      ? applyOutputBudget(
          agentItems(inv, seedText),
          outputCap(inv.params.maxTokens, endpoint.contextWindow - inv.promptTokens),
        )
      : modelAnswer(inv, endpoint, config, seedText);
  return planResponse(inv, endpoint.servedModel, answer.items, answer.complete);
}

const outputTokens = (p: ResponsePlan): number => p.items.reduce((n, item) => n + item.pieces.length, 0);

/** Answers a Responses request for `endpoint` (already resolved from the path or `model`). */
export async function handleResponses(
  state: ServerState,
  res: ServerResponse,
  endpoint: DemoEndpoint,
  body: unknown,
): Promise<void> {
  if (!speaksResponses(endpoint)) throw refuse(endpoint);
  const inv = parseResponsesRequest(body, endpoint);
  const pass = await passGate(state, res, endpoint, {
    streaming: inv.stream,
    inputTokens: inv.promptTokens,
    reservedOutput: inv.maxOutputTokens ?? 0,
  });
  if (!pass) return;
  const { config } = state;
  const answer = plan(inv, endpoint, config);
  if (inv.stream) {
    const { trace, onEnd } = openStream(state, answer.id, endpoint, pass.settle);
    runPacedStream({
      res,
      script: responsesScript(answer),
      model: endpoint.servedModel,
      ttftMs: config.ttftMs,
      tokensPerSec: config.tokensPerSec,
      ...(pass.streamFault ? { fault: pass.streamFault } : {}),
      trace,
      onEnd,
    });
    return;
  }
  const tokens = outputTokens(answer);
  const alive = await wait(
    res,
    Math.min(MAX_SIMULATED_MS, config.ttftMs + (tokens * 1000) / config.tokensPerSec),
  );
  pass.settle(alive ? tokens : 0);
  if (!alive) return;
  state.stats.tokensSent += tokens;
  sendJson(res, 200, responseJson(answer, 'final'), { 'served-model-name': endpoint.servedModel });
}
