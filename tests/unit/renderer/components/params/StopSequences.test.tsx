import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StopSequences } from '../../../../../renderer/components/params/StopSequences';

/* The Clear button says what it does to a screen reader, as it does on screen. */

const render = (value: string[] | undefined) =>
  renderToStaticMarkup(<StopSequences value={value} onChange={() => undefined} task="chat" />);

describe('StopSequences Clear', () => {
  it('is named for clearing every stop sequence', () => {
    const html = render(['END', '\n']);
    expect(html).toMatch(/<button[^>]*aria-label="Clear all stop sequences"[^>]*>Clear<\/button>/);
    expect(html).not.toContain('Reset Stop sequences');
  });

  it('is absent while nothing is set', () => {
    expect(render(undefined)).not.toContain('Clear all stop sequences');
  });
});
