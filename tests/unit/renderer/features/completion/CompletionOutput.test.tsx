import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { markdownModule } from '../../../../../renderer/components/markdown/LazyMarkdown';
import { Continuation } from '../../../../../renderer/features/completion/CompletionOutput';

const GENERATED = '\n# Title\n\nSome **bold** text.';

const render = (markdown: boolean) =>
  renderToStaticMarkup(
    <Continuation prompt="Write a doc:" text={GENERATED} marker={null} markdown={markdown} />,
  );

// The markdown renderer's chunk, loaded as the app loads it after its first paint.
beforeAll(() => markdownModule.load());

describe('completion output, Render markdown', () => {
  it('off: the generated text is shown raw, exactly as generated', () => {
    const html = render(false);
    expect(html).toContain('# Title\n\nSome **bold** text.');
    expect(html).not.toContain('<h1');
    expect(html).not.toContain('<strong>');
  });

  it('on: the generated text is rendered (a heading), the prompt stays raw', () => {
    const html = render(true);
    expect(html).toMatch(/<h1[^>]*>Title<\/h1>/);
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<span class="completion-doc__prompt">Write a doc:</span>');
  });
});
