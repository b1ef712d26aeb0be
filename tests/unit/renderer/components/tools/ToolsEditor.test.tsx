import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ToolsButton, toolsRefusal } from '../../../../../renderer/components/tools/ToolsButton';
import { ToolsEditor } from '../../../../../renderer/components/tools/ToolsEditor';
import { EXAMPLE_TOOLS } from '../../../../../renderer/components/tools/tool-set';
import type { GenerationParams } from '../../../../../shared/domain';
import { capabilitiesFor } from '../../../../../shared/model-capabilities';

/* The tools editor as rendered: schema problems under the textarea, Save only when valid; the Tools entry. */

const editor = (params: GenerationParams) =>
  renderToStaticMarkup(<ToolsEditor params={params} onChange={() => undefined} onClose={() => undefined} />);

const saveButton = (html: string) => /<button[^>]*>Save<\/button>/.exec(html)?.[0] ?? '';

describe('ToolsEditor', () => {
  it('shows a valid tool with Save enabled, its schema pretty-printed, and the loop settings', () => {
    const html = editor({ tools: [...EXAMPLE_TOOLS], tool_mock: true, max_tool_steps: 3 });
    expect(saveButton(html)).not.toContain('disabled');
    expect(html).toContain('get_weather');
    expect(html).toContain('&quot;celsius&quot;');
    expect(html).toContain('Only GPT models accept Strict');
    expect(html).toMatch(/<input[^>]*role="switch"[^>]*checked=""/);
    expect(html).toMatch(/<input[^>]*value="3"/);
    expect(html).toContain('<option value="get_weather">get_weather (must call it)</option>');
    // The saved mock result is in its own field.
    expect(html).toContain('aria-label="Mock result 1"');
  });

  it('shows the schema problems under the parameters and disables Save', () => {
    const html = editor({
      tools: [{ name: 'bad', parameters: { type: 'object', properties: {}, required: ['city'] } }],
    });
    expect(html).toMatch(/<textarea[^>]*aria-invalid="true"/);
    expect(html).toContain('data-testid="schema-problems"><ul class="param__error');
    expect(html).toContain('&quot;required&quot; names &quot;city&quot;');
    expect(saveButton(html)).toContain('disabled');
  });

  it('says there are no tools yet', () => {
    const html = editor({});
    expect(html).toContain('No tools yet');
    expect(saveButton(html)).not.toContain('disabled');
  });
});

describe('ToolsButton', () => {
  const button = (params: GenerationParams, model: string) =>
    renderToStaticMarkup(
      <ToolsButton
        value={params}
        onChange={() => undefined}
        capabilities={[capabilitiesFor({ name: model })]}
      />,
    );

  it('counts the tools', () => {
    const html = button({ tools: [...EXAMPLE_TOOLS.slice(0, 2)] }, 'databricks-claude-sonnet-4-6');
    expect(html).toContain('Tools (2)');
    expect(html).not.toContain('disabled');
  });

  it('is disabled on an agent, with the reason written beside it', () => {
    const caps = capabilitiesFor({ name: 'demo-support-agent', task: 'agent/v1/responses' });
    expect(toolsRefusal([caps])).toContain('Agents bring their own tools');
    const html = renderToStaticMarkup(
      <ToolsButton value={{ tools: [...EXAMPLE_TOOLS] }} onChange={() => undefined} capabilities={[caps]} />,
    );
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Tools \(3\)<\/button>/);
    expect(html).toContain('data-testid="tools-refusal"');
    expect(html).toContain('The tools set here are not sent.');
  });

  it('is offered when any of several endpoints may take tools (unknown models: the server decides)', () => {
    const agent = capabilitiesFor({ name: 'a', task: 'agent/v1/responses' });
    expect(toolsRefusal([agent, capabilitiesFor({ name: 'my-custom-model' })])).toBeNull();
    expect(toolsRefusal([])).toBeNull();
  });
});
