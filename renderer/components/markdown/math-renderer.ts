/*
 * KaTeX, loaded lazily (see MathView.tsx) together with its stylesheet and fonts, which Vite
 * bundles as local assets — the CSP allows only 'self' fonts and styles.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';

/**
 * TeX typeset as HTML, or null when the TeX is invalid (the caller then shows the source).
 * KaTeX escapes the TeX it is given and, with `trust: false`, refuses `\href`, `\url`,
 * `\htmlClass` and friends, so its output is safe to insert as HTML.
 */
export function texToHtml(tex: string, display: boolean): string | null {
  try {
    return katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      trust: false,
      strict: 'ignore',
      output: 'htmlAndMathml',
    });
  } catch {
    return null;
  }
}
