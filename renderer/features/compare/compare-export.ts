import type { GenerationParams } from '../../../shared/domain';
import type { CompareAnswer, ComparisonRecord } from '../../core/db/records';
import { formatCost, formatError, formatMetrics } from '../../core/format';
import { thinkingMarkdown, toolItemsMarkdown } from '../../core/reasoning';
import { effectiveParams } from './compare-model';
import { callChecks, checkText, exportedVerdict } from './compare-structured';

/*
 * Exports of a comparison: Markdown for people, JSONL for evaluation datasets (one line per
 * pane per turn, each line a complete example: the prompt, the endpoint, the parameters it
 * was really sent with, the output and its metrics).
 */

/** What an export needs: a saved comparison (or the one on screen, in the same shape). */
export type Exportable = Pick<
  ComparisonRecord,
  'title' | 'systemPrompt' | 'sharedParams' | 'panes' | 'turns'
> & {
  synthetic: boolean;
};

/** One JSONL line. */
export interface JsonlLine {
  turn: number;
  prompt: { system: string; user: string };
  endpoint: string | null;
  parameters: GenerationParams;
  output: string;
  status: CompareAnswer['status'];
  finish_reason: string | null;
  model: string | null;
  metrics: {
    ttft_ms: number | null;
    total_ms: number | null;
    tokens_per_sec: number | null;
    prompt_tokens: number | null;
    completion_tokens: number | null;
    /** Of completion_tokens, those spent reasoning, when the server said. */
    reasoning_tokens: number | null;
    usage_reported: boolean | null;
    cost_usd: number | null;
  };
  error: string | null;
  synthetic: boolean;
  /** The tool calls the answer made, in order, with their arguments' check and result. */
  tool_calls: {
    name: string;
    arguments: string;
    arguments_valid: boolean;
    arguments_errors: string[];
    output: string | null;
  }[];
  /** The verdict on an answer asked for JSON (response format); null when none was asked. */
  validation: { result: string; message: string } | null;
}

/** The answer's tool calls as a JSONL line carries them. */
function exportedCalls(answer: CompareAnswer): JsonlLine['tool_calls'] {
  const outputs = new Map<string, string>();
  for (const item of answer.items ?? [])
    if (item.type === 'function_call_output') outputs.set(item.callId, item.output);
  return callChecks(answer.items, answer.params).map(({ call, check }) => ({
    name: call.name,
    arguments: call.arguments,
    arguments_valid: check.kind === 'checked' && check.valid,
    arguments_errors: check.kind === 'checked' ? check.errors : [check.message],
    output: outputs.get(call.callId) ?? null,
  }));
}

/** The JSONL lines: every pane's answer to every turn, turn by turn, panes in order. */
export function jsonlLines(c: Exportable): JsonlLine[] {
  return c.turns.flatMap((user, turn) =>
    c.panes.flatMap((pane) => {
      const answer = pane.answers.find((a) => a.turn === turn);
      if (!answer) return [];
      const m = answer.metrics;
      return [
        {
          turn,
          prompt: { system: c.systemPrompt, user },
          endpoint: pane.endpoint,
          // The parameters the answer was really sent with (older records: the pane's).
          parameters: answer.params ?? effectiveParams(pane, c.sharedParams),
          output: answer.content,
          status: answer.status,
          finish_reason: answer.finishReason,
          model: answer.model ?? null,
          metrics: {
            ttft_ms: m?.ttftMs ?? null,
            total_ms: m?.totalMs ?? null,
            tokens_per_sec: m?.tokensPerSec ?? null,
            prompt_tokens: m?.promptTokens ?? null,
            completion_tokens: m?.completionTokens ?? null,
            reasoning_tokens: m?.reasoningTokens ?? null,
            usage_reported: m?.usageReported ?? null,
            cost_usd: answer.costUsd,
          },
          error: answer.error?.message ?? null,
          synthetic: c.synthetic,
          tool_calls: exportedCalls(answer),
          validation: exportedVerdict(answer),
        },
      ];
    }),
  );
}

/** The comparison as JSONL (one JSON object per line, trailing newline). */
export function toJsonl(c: Exportable): string {
  return jsonlLines(c)
    .map((line) => `${JSON.stringify(line)}\n`)
    .join('');
}

const paramsText = (p: GenerationParams) => {
  const entries = Object.entries(p);
  return entries.length === 0
    ? 'server defaults'
    : entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
};

/** The comparison as Markdown: the setup, then each turn with every pane's answer and metrics. */
export function toMarkdown(c: Exportable): string {
  const out: string[] = [`# ${c.title || 'Comparison'}`, ''];
  if (c.synthetic) out.push('_Answers from the demo workspace: synthetic, not a real model._', '');
  if (c.systemPrompt.trim() !== '') out.push('**System prompt:**', '', c.systemPrompt, '');
  c.turns.forEach((user, turn) => {
    out.push(`## Turn ${turn + 1}`, '', `**User:** ${user}`, '');
    c.panes.forEach((pane, i) => {
      const answer = pane.answers.find((a) => a.turn === turn);
      if (!answer) return;
      out.push(`### Pane ${i + 1}: ${pane.endpoint ?? '(no endpoint)'}`, '');
      out.push(`Parameters: ${paramsText(effectiveParams(pane, c.sharedParams))}`, '');
      for (const block of [thinkingMarkdown(answer.reasoning), toolItemsMarkdown(answer.items)])
        if (block) out.push(block, '');
      const checks = callChecks(answer.items, answer.params);
      if (checks.length > 0 && answer.params?.tools?.length)
        out.push(...checks.map(({ call, check }) => `- \`${call.name}\`: ${checkText(check)}`), '');
      out.push(answer.content || '_(no text)_', '');
      const verdict = exportedVerdict(answer);
      if (verdict)
        out.push(`**Structured output:** ${verdict.result === 'valid' ? '✓' : '✗'} ${verdict.message}`, '');
      if (answer.error) out.push(`> Error: ${formatError(answer.error)}`, '');
      if (answer.metrics) {
        const parts = formatMetrics(answer.metrics, answer.finishReason, formatCost(answer.costUsd));
        out.push(`_${parts.join(' · ')}_`, '');
      }
    });
  });
  return out.join('\n');
}
