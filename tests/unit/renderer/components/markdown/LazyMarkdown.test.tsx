import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/* The markdown renderer as a chunk of its own: raw text until it has loaded, then markdown. */

describe('LazyMarkdown', () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it("shows the text as typed, apart from rendered markdown, until the renderer's chunk has loaded", async () => {
    const { Markdown } = await import('../../../../../renderer/components/markdown/LazyMarkdown');
    const html = renderToStaticMarkup(<Markdown text={'# Title\n\nSome **bold** text.'} />);
    expect(html).toContain('data-testid="markdown-pending"');
    expect(html).toContain('# Title\n\nSome **bold** text.');
    expect(html).not.toContain('data-testid="markdown"');
  });

  it('renders markdown from the first render once the chunk has loaded', async () => {
    const { Markdown, markdownModule } = await import(
      '../../../../../renderer/components/markdown/LazyMarkdown'
    );
    await markdownModule.load();
    const html = renderToStaticMarkup(<Markdown text={'# Title\n\nSome **bold** text.'} />);
    expect(html).toContain('data-testid="markdown"');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).not.toContain('markdown-pending');
  });
});
