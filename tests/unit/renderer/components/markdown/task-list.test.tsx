import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../../../../renderer/components/markdown/Markdown';

/* A GFM task item shows its checkbox only, not a bullet beside it: markdown.css hides the
   bullet by the class checked here (the computed style is checked in rendering.spec.ts). */

describe('markdown task lists', () => {
  it('marks task items with the class the stylesheet targets, plain items without it', () => {
    const html = renderToStaticMarkup(<Markdown text={'- [ ] todo\n- [x] done\n- plain'} />);
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" disabled=""/> todo</li>');
    expect(html).toContain(
      '<li class="task-list-item"><input type="checkbox" disabled="" checked=""/> done</li>',
    );
    expect(html).toContain('<li>plain</li>');
  });
});
