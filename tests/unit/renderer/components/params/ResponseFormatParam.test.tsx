import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ParamsPanel } from '../../../../../renderer/components/params/ParamsPanel';
import type { GenerationParams, TaskKind } from '../../../../../shared/domain';
import { capabilitiesFor } from '../../../../../shared/model-capabilities';

/* The parameter panel's response-format control. */

const panel = (names: string[], value: GenerationParams = {}, task: TaskKind = 'chat') =>
  renderToStaticMarkup(
    <ParamsPanel
      value={value}
      onChange={() => undefined}
      task={task}
      contextWindow={null}
      capabilities={names.map((name) => capabilitiesFor({ name }))}
    />,
  );

const control = (html: string) =>
  /<div class="param param--format"[\s\S]*?(?=<div class="param param--stop|$)/.exec(html)?.[0] ?? '';
const LLAMA = 'databricks-meta-llama-3-3-70b-instruct';
const DBRX = 'databricks-dbrx-instruct';
const SCHEMA: GenerationParams = {
  response_format: {
    type: 'json_schema',
    json_schema: {
      name: 'sentiment',
      schema: { type: 'object', properties: { label: {}, score: {} } },
      strict: true,
    },
  },
};

describe('ResponseFormatParam', () => {
  it('offers Text (the default, unset), JSON object and JSON schema', () => {
    const html = control(panel([LLAMA]));
    expect(html).toContain('data-param="response_format" data-set="false"');
    expect(html).toContain('Response format');
    expect([...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'text',
      'json_object',
      'json_schema',
    ]);
    expect(html).toMatch(/<option value="text" selected="">Text \(default\)/);
    expect(html).toContain('Unset: plain text (nothing sent).');
    expect(html).not.toContain('Edit schema');
    expect(html).not.toContain('format-refusal');
  });

  it('shows a saved schema by name, with Edit schema', () => {
    const html = control(panel([LLAMA], SCHEMA));
    expect(html).toContain('data-set="true"');
    expect(html).toMatch(/<option value="json_schema" selected="">/);
    expect(html).toContain('Schema &quot;sentiment&quot;: label, score · strict');
    expect(html).toContain('Edit schema');
  });

  it('says why on an endpoint that takes no response format', () => {
    const html = control(panel([DBRX], { response_format: { type: 'json_object' } }));
    expect(html).toContain('data-testid="format-refusal"');
    expect(html).toContain(
      'DBRX models take no response format (JSON object or schema). Not sent to this endpoint.',
    );
  });

  it("says which panes won't get it in a comparison's shared parameters", () => {
    expect(control(panel([LLAMA, DBRX]))).toContain(
      'Not sent to some panes: DBRX models take no response format',
    );
  });

  it('is not offered for completions', () => {
    expect(panel([], {}, 'completions')).not.toContain('response_format');
  });
});
