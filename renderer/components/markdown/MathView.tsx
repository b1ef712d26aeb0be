import { useLazyModule } from './lazy-module';
import { mathRenderer, typesetCached } from './math-typesetter';

/**
 * A formula: typeset with KaTeX once `ready` (its block is closed) and KaTeX has loaded;
 * until then, or when the TeX is invalid, the TeX source itself, so nothing is ever lost
 * and a typo can't break the answer.
 */
export function MathView({ tex, display, ready }: { tex: string; display: boolean; ready: boolean }) {
  const loaded = useLazyModule(mathRenderer, ready);
  const html = loaded ? typesetCached(tex, display) : null;
  const invalid = loaded !== null && html === null;
  const className = `math ${display ? 'math--display' : 'math--inline'}${invalid ? ' math--invalid' : ''}`;
  if (html === null) {
    const Source = display ? 'pre' : 'code';
    return (
      <Source className={className} title={invalid ? 'This TeX could not be typeset' : undefined}>
        {display ? tex : `\\(${tex}\\)`}
      </Source>
    );
  }
  const Box = display ? 'div' : 'span';
  // KaTeX output only: KaTeX escapes the TeX and, with trust off, emits no links or scripts
  // (see math-renderer.ts), so this HTML carries nothing from the answer but escaped text.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted KaTeX output, see above
  return <Box className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
