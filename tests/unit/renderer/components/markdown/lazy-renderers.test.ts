import { describe, expect, it } from 'vitest';
import { highlightToHtml } from '../../../../../renderer/components/markdown/highlight-languages';
import { highlightCached, highlighter } from '../../../../../renderer/components/markdown/highlighter';
import { lazyModule } from '../../../../../renderer/components/markdown/lazy-module';
import { texToHtml } from '../../../../../renderer/components/markdown/math-renderer';
import { mathRenderer, typesetCached } from '../../../../../renderer/components/markdown/math-typesetter';

describe('highlightToHtml', () => {
  it.each([
    'python',
    'py',
    'javascript',
    'ts',
    'json',
    'bash',
    'sh',
    'sql',
    'yaml',
    'java',
    'go',
    'rust',
    'c',
    'cpp',
    'markdown',
    'diff',
    'scala',
    'r',
    'pyspark',
  ])('knows %s', (language) => {
    expect(highlightToHtml('x = 1', language)).not.toBeNull();
  });

  it('marks tokens with hljs classes', () => {
    expect(highlightToHtml('def f():\n    return "a"', 'python')).toContain(
      '<span class="hljs-keyword">def</span>',
    );
  });

  it('escapes the code, so answer text can never become markup', () => {
    const html = highlightToHtml('const s = "<img src=x onerror=alert(1)>";', 'javascript') ?? '';
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
  });

  it('gives null for an unknown language (rendered plain)', () => {
    expect(highlightToHtml('x', 'no-such-language')).toBeNull();
  });
});

describe('texToHtml', () => {
  it('typesets valid TeX', () => {
    expect(texToHtml('\\frac{a}{b}', false)).toContain('katex');
    expect(texToHtml('x^2', true)).toContain('katex-display');
  });

  it('gives null for invalid TeX (the source is shown instead)', () => {
    expect(texToHtml('\\frac{a', false)).toBeNull();
    expect(texToHtml('\\notacommand', false)).toBeNull();
  });

  it('refuses links and HTML extensions (trust is off)', () => {
    // The TeX source appears (escaped) in the MathML annotation, but never as a link.
    expect(texToHtml('\\href{javascript:alert(1)}{x}', false) ?? '').not.toMatch(/<a\b|href=/);
    expect(texToHtml('\\htmlClass{x}{y}', false) ?? '').not.toContain('class="x"');
  });
});

describe('lazy modules', () => {
  it('load once, then answer synchronously', async () => {
    let calls = 0;
    const lazy = lazyModule(async () => {
      calls++;
      return 42;
    });
    expect(lazy.get()).toBeNull();
    await Promise.all([lazy.load(), lazy.load()]);
    expect(lazy.get()).toBe(42);
    expect(calls).toBe(1);
  });

  it('may retry after a failed load', async () => {
    let calls = 0;
    const lazy = lazyModule(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return 'ok';
    });
    await expect(lazy.load()).rejects.toThrow('offline');
    await expect(lazy.load()).resolves.toBe('ok');
  });

  it('highlight and typeset only once loaded', async () => {
    expect(highlightCached('x = 1', 'python')).toBeNull();
    expect(typesetCached('x', false)).toBeNull();
    await Promise.all([highlighter.load(), mathRenderer.load()]);
    expect(highlightCached('x = 1', 'python')).toContain('hljs-number');
    expect(typesetCached('x', false)).toContain('katex');
    expect(typesetCached('\\frac{', false)).toBeNull();
  });
});
