import type { ServerResponse } from 'node:http';
import type { StreamFault } from './faults';
import type { GeneratedChoice } from './generation';
import { runPacedStream, type SseScript, type StreamTrace } from './paced-sse';
import { callTokens, toolCallDeltas } from './tool-call-choices';

/**
 * Chat Completions and Completions streams: `data: {chunk}` events, one token per choice per
 * step, usage on a final chunk without choices, then `data: [DONE]`. A choice that reasoned
 * streams its reasoning first as `delta.content` arrays of reasoning items (the signature on
 * the last reasoning fragment), then its text as `{"type":"text"}` items. A choice that calls
 * tools streams `delta.tool_calls` instead (see tool-call-choices.ts).
 */

export { preciseNow, type StreamTrace } from './paced-sse';

/** Usage as sent on the final chunk (and in JSON answers). */
export interface UsageJson {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** Present when the answer reasoned; reasoning tokens are part of completion_tokens. */
  completion_tokens_details?: { reasoning_tokens: number };
}

/** Everything one stream needs. */
export interface StreamJob {
  res: ServerResponse;
  style: 'chat' | 'completions';
  id: string;
  created: number;
  model: string;
  choices: GeneratedChoice[];
  usage: UsageJson;
  ttftMs: number;
  tokensPerSec: number;
  fault?: StreamFault;
  /** Filled in as the stream runs (benchmarks read it through /__demo/stats). */
  trace?: StreamTrace;
  /** Called exactly once, with the number of tokens actually sent. */
  onEnd: (sentTokens: number) => void;
}

const DEFAULT_STREAM_ERROR = 'The model encountered an internal error while generating. Please retry.';

/** Tokens a choice streams: its reasoning, then its text (or its tool calls' arguments). */
const streamedTokens = (choice: GeneratedChoice): number =>
  (choice.reasoning?.pieces.length ?? 0) + choice.pieces.length + callTokens(choice);

/** The `delta.content` of step `s` of a choice, as JSON. */
function deltaContent(choice: GeneratedChoice, s: number): string {
  const reasoning = choice.reasoning;
  if (!reasoning) return JSON.stringify(choice.pieces[s] ?? '');
  const r = reasoning.pieces.length;
  if (s < r) {
    const part: Record<string, string> = { type: 'summary_text', text: reasoning.pieces[s] ?? '' };
    // The signature covers the whole reasoning text, so it can only come with its last piece.
    if (s === r - 1) part.signature = reasoning.signature;
    return JSON.stringify([{ type: 'reasoning', summary: [part] }]);
  }
  return JSON.stringify([{ type: 'text', text: choice.pieces[s - r] ?? '' }]);
}

/** Pre-rendered event pieces: JSON is assembled from fixed prefixes for speed. */
function chatScript(job: StreamJob): SseScript {
  const object = job.style === 'chat' ? 'chat.completion.chunk' : 'text_completion';
  const head = `{"id":${JSON.stringify(job.id)},"object":"${object}","created":${job.created},"model":${JSON.stringify(job.model)}`;
  const prefix = `data: ${head},"choices":[{"index":`;
  const content = (choice: GeneratedChoice, s: number): string => {
    if (job.style === 'completions')
      return `${prefix}${choice.index},"text":${JSON.stringify(choice.pieces[s] ?? '')},"finish_reason":null}]}\n\n`;
    if (choice.toolCalls) {
      const deltas = toolCallDeltas(choice, s);
      return deltas.map((d) => `${prefix}${choice.index},"delta":${d},"finish_reason":null}]}\n\n`).join('');
    }
    const role = s === 0 ? '"role":"assistant",' : '';
    return `${prefix}${choice.index},"delta":{${role}"content":${deltaContent(choice, s)}},"finish_reason":null}]}\n\n`;
  };
  const finish = (index: number, reason: string): string => {
    const body = job.style === 'chat' ? '"delta":{}' : '"text":""';
    return `${prefix}${index},${body},"finish_reason":"${reason}"}]}\n\n`;
  };
  return {
    steps: Math.max(1, ...job.choices.map(streamedTokens)),
    opening: () => '',
    // Events for step `s`: one token per choice, plus finish events for choices ending here.
    step(s) {
      let text = '';
      let tokens = 0;
      for (const choice of job.choices) {
        const total = streamedTokens(choice);
        if (s < total) {
          text += content(choice, s);
          tokens += 1;
        } else if (s === 0) text += content(choice, 0);
        if (s === Math.max(0, total - 1)) text += finish(choice.index, choice.finishReason);
      }
      return { text, tokens };
    },
    closing: () => `data: ${head},"choices":[],"usage":${JSON.stringify(job.usage)}}\n\ndata: [DONE]\n\n`,
    malformed: () => `${prefix}0,"delta":{"content":"this chunk is cut short\n\n`,
    failure(fault) {
      const error = {
        error_code: fault.errorCode ?? 'INTERNAL_ERROR',
        message: fault.message ?? DEFAULT_STREAM_ERROR,
      };
      return `data: ${JSON.stringify(error)}\n\n`;
    },
  };
}

/** Writes the SSE headers and streams the job's choices; returns at once. */
export function runStream(job: StreamJob): void {
  runPacedStream({
    res: job.res,
    script: chatScript(job),
    model: job.model,
    ttftMs: job.ttftMs,
    tokensPerSec: job.tokensPerSec,
    ...(job.fault ? { fault: job.fault } : {}),
    ...(job.trace ? { trace: job.trace } : {}),
    onEnd: job.onEnd,
  });
}
