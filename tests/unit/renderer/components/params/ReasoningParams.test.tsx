import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ParamsPanel } from '../../../../../renderer/components/params/ParamsPanel';
import type { GenerationParams } from '../../../../../shared/domain';
import { capabilitiesFor } from '../../../../../shared/model-capabilities';

/* The parameter panel shows a reasoning control only where the endpoint takes one. */

const panel = (name: string | null, value: GenerationParams = {}) =>
  renderToStaticMarkup(
    <ParamsPanel
      value={value}
      onChange={() => undefined}
      task="chat"
      contextWindow={null}
      capabilities={name ? [capabilitiesFor({ name })] : []}
    />,
  );

/** The options of the reasoning effort select (the panel has other selects). */
const options = (html: string) =>
  [
    ...(/data-param="reasoning_effort"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '').matchAll(
      /<option value="([^"]*)"/g,
    ),
  ].map((m) => m[1]);

describe('ParamsPanel reasoning controls', () => {
  it('a thinking budget for Claude, unset by default', () => {
    const html = panel('databricks-claude-sonnet-4-6');
    expect(html).toContain('data-param="thinking_budget"');
    expect(html).toContain('Thinking budget');
    expect(html).toContain('Unset: no thinking (nothing sent)');
    expect(html).not.toContain('data-param="reasoning_effort"');
  });

  it('a reasoning effort select with only the efforts the model accepts', () => {
    const oss = panel('databricks-gpt-oss-120b');
    expect(oss).toContain('data-param="reasoning_effort"');
    expect(oss).not.toContain('data-param="thinking_budget"');
    expect(options(oss)).toEqual(['', 'low', 'medium', 'high']);
    expect(options(panel('databricks-gpt-5-5'))).toEqual(['', 'none', 'low', 'medium', 'high']);
  });

  it('nothing for a model without a reasoning control, or without an endpoint', () => {
    for (const html of [panel('databricks-meta-llama-3-3-70b-instruct'), panel(null)]) {
      expect(html).not.toContain('thinking_budget');
      expect(html).not.toContain('reasoning_effort');
    }
  });

  it('shows a refused combination with its reason', () => {
    const budget = panel('databricks-claude-sonnet-4-6', { max_tokens: 2000, thinking_budget: 2000 });
    expect(budget).toContain('The thinking budget (2000) must be below max_tokens (2000).');
    const effort = panel('databricks-gpt-oss-120b', { reasoning_effort: 'none' });
    expect(effort).toContain('none (not accepted)');
    expect(effort).toContain('GPT-OSS accepts reasoning effort low, medium, high; not &quot;none&quot;.');
  });
});
