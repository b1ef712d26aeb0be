import { describe, expect, it } from 'vitest';
import { isFenceClosed, openingFence } from '../../../../../renderer/components/markdown/fences';

describe('openingFence', () => {
  it.each([
    ['```python', 'code'],
    ['~~~', 'code'],
    ['   ````', 'code'],
    ['$$', 'math'],
    ['$$$ meta', 'math'],
    ['\\[', 'tex'],
    ['  \\[ x = 1', 'tex'],
  ])('%j opens a %s region', (line, kind) => {
    expect(openingFence(line)?.kind).toBe(kind);
  });

  it.each(['```a``` inline', '$$x$$', '\\[ x \\]', '    ```', 'text ```', '$5 or $10', '``'])(
    '%j opens nothing',
    (line) => {
      expect(openingFence(line)).toBeNull();
    },
  );
});

describe('isFenceClosed (the closed-block test)', () => {
  it.each([
    ['```py\nprint(1)\n```', true],
    ['```py\nprint(1)\n```\n', true],
    ['```py\nprint(1)', false],
    ['```py\nprint(1)\n``', false],
    ['````\n```\n', false],
    ['````\n```\n````', true],
    ['~~~\na\n```', false],
    ['```\na\n``` not a fence', false],
    ['$$\nx^2\n$$', true],
    ['$$\nx^2', false],
    ['\\[\nx\n\\]', true],
    ['\\[\nx', false],
    // Inside a list item the closing fence carries the item's indentation.
    ['```js\n   let a;\n   ```', true],
    // Indented code has no fence: only a settled block is closed.
    ['    code', false],
    ['', false],
  ])('%j → %s', (source, closed) => {
    expect(isFenceClosed(source)).toBe(closed);
  });
});
