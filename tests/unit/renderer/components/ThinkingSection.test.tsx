import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { markdownModule } from '../../../../renderer/components/markdown/LazyMarkdown';
import { OutputItemCards } from '../../../../renderer/components/OutputItemCards';
import { ThinkingSection } from '../../../../renderer/components/ThinkingSection';
import type { ReasoningItem } from '../../../../shared/domain';

const REASONING: ReasoningItem[] = [
  {
    summary: [
      { type: 'summary_text', text: '**Plan** three short steps', signature: 's' },
      { type: 'summary_encrypted_text', data: 'x' },
    ],
  },
];

// The markdown renderer's chunk, loaded as the app loads it after its first paint.
beforeAll(() => markdownModule.load());

describe('ThinkingSection', () => {
  it('is open while the model thinks, the reasoning rendered as markdown', () => {
    const html = renderToStaticMarkup(<ThinkingSection reasoning={REASONING} thinking />);
    expect(html).toMatch(/<details[^>]*data-state="thinking"[^>]*open=""/);
    expect(html).toContain('Thinking…');
    expect(html).toContain('<strong>Plan</strong>');
    expect(html).toContain('(encrypted reasoning — kept, not shown)');
  });

  it('is collapsed once the answer comes, its length and tokens in the summary line', () => {
    const html = renderToStaticMarkup(
      <ThinkingSection reasoning={REASONING} thinking={false} reasoningTokens={1234} />,
    );
    expect(html).not.toMatch(/<details[^>]*open=""/);
    expect(html).toContain('4 words · 1,234 reasoning tokens · encrypted part kept');
    expect(html).not.toContain('<strong>Plan</strong>');
  });
});

describe('OutputItemCards', () => {
  it('shows each tool call with its name, arguments and output pretty-printed', () => {
    const html = renderToStaticMarkup(
      <OutputItemCards
        streaming={false}
        items={[
          { type: 'function_call', callId: 'c', name: 'lookup_order', arguments: '{"order_id":"A-1"}' },
          { type: 'function_call_output', callId: 'c', output: 'not json' },
        ]}
      />,
    );
    expect(html).toContain('data-tool="lookup_order"');
    expect(html).toContain('{\n  &quot;order_id&quot;: &quot;A-1&quot;\n}');
    expect(html).toContain('not json');
    expect(html).toContain('returned');
  });
});
