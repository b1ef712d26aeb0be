import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { COLLAPSE_ABOVE_CHARS, StructuredAnswer } from '../../../../renderer/components/StructuredAnswer';
import { judgeStructured, type RequestedFormat } from '../../../../renderer/components/structured-answer';

/* The structured answer: the badge, the pretty collapsible JSON, the raw text otherwise. */

const FORMAT: RequestedFormat = { kind: 'json_schema', name: 'person', schema: { type: 'object' } };

const render = (text: string, format: RequestedFormat | null = FORMAT) =>
  renderToStaticMarkup(
    <StructuredAnswer
      text={text}
      verdict={format ? judgeStructured(text, format) : null}
      badgeTestId="pane-validation"
    >
      <p data-testid="raw-markdown">{text}</p>
    </StructuredAnswer>,
  );

describe('StructuredAnswer', () => {
  it('without a verdict is just the answer as it was rendered', () => {
    const html = render('Hello', null);
    expect(html).toBe('<p data-testid="raw-markdown">Hello</p>');
  });

  it('valid JSON: a ✓ badge, the pretty tree (keys and values), a toggle to the raw text', () => {
    const html = render('```json\n{"name":"Ada","age":36,"tags":["x"]}\n```');
    expect(html).toContain('data-testid="pane-validation"');
    expect(html).toContain('data-verdict="valid"');
    expect(html).toContain('✓');
    expect(html).toContain('Valid JSON · matches person (inside a code fence)');
    expect(html).toContain('data-view="pretty"');
    expect(html).toContain('data-testid="json-pretty"');
    expect(html).toContain('&quot;name&quot;: ');
    expect(html).toContain('&quot;Ada&quot;');
    expect(html).toContain('36');
    expect(html).toContain('1 item');
    expect(html).toContain('Show raw text');
    expect(html).not.toContain('raw-markdown');
  });

  it('starts a nested block longer than the limit collapsed; the root stays open', () => {
    const long = { items: Array.from({ length: 80 }, (_, i) => `entry number ${i}`), small: { a: 1 } };
    expect(JSON.stringify(long.items).length).toBeGreaterThan(COLLAPSE_ABOVE_CHARS);
    const html = render(JSON.stringify(long), { kind: 'json_object' });
    const opens = [...html.matchAll(/<details class="json-tree__node"( open="")?/g)].map(
      (m) => m[1] === ' open=""',
    );
    // root (open), items (collapsed: long), small (open: short)
    expect(opens).toEqual([true, false, true]);
    expect(html).toContain('80 items');
  });

  it('invalid JSON: a ✗ badge with the reason, and the answer as it was written', () => {
    const html = render('Sure! {"name": "Ada"');
    expect(html).toContain('data-verdict="not-json"');
    expect(html).toContain('✗');
    expect(html).toContain('Not valid JSON:');
    expect(html).toContain('raw-markdown');
    expect(html).not.toContain('json-pretty');
  });

  it('a mismatch still shows the parsed JSON pretty, with what does not match', () => {
    const format: RequestedFormat = {
      kind: 'json_schema',
      name: 'person',
      schema: { type: 'object', required: ['age'] },
    };
    const html = render('{"name": "Ada"}', format);
    expect(html).toContain('data-verdict="mismatch"');
    expect(html).toContain('Doesn&#x27;t match person: /: Instance does not have required property');
    expect(html).toContain('json-pretty');
  });
});
