import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ParamsPanel } from '../../../../../renderer/components/params/ParamsPanel';
import type { GenerationParams, TaskKind } from '../../../../../shared/domain';

/* The parameter panel's one entry to the tools: chat only, with the count. */

const render = (task: TaskKind, value: GenerationParams = {}) =>
  renderToStaticMarkup(
    <ParamsPanel value={value} onChange={() => undefined} task={task} contextWindow={null} />,
  );

describe('ParamsPanel tools entry', () => {
  it('shows Tools with the count in chat', () => {
    const tools = [{ name: 'a', parameters: { type: 'object' } }];
    expect(render('chat', { tools })).toContain('Tools (1)');
  });

  it('has no tools for text completion', () => {
    expect(render('completions')).not.toContain('Tools (');
  });
});
