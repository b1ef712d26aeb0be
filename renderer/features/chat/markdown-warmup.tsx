import { createRoot } from 'react-dom/client';
import { markdownModule } from '../../components/markdown/LazyMarkdown';

/*
 * The markdown renderer is a chunk of its own (LazyMarkdown.tsx), not start-up code: it is
 * fetched here, once the page is idle after its first paint, so it is there before a user's
 * first answer needs it.
 *
 * The first markdown a page renders costs several times what the same markdown costs later:
 * the parser's code (micromark, mdast, GFM tables and lists) runs for the first time and the
 * highlighter is still to be fetched. Opening a long conversation paid all of that at the
 * click. Rendering a small sample once while the app is idle pays it up front instead, out
 * of sight: into a container that is never attached to the document (no layout, nothing for
 * a screen reader or a test to find), unmounted afterwards.
 */

/** One of each construct answers use: heading, emphasis, list, table, fenced code, quote. */
const SAMPLE = [
  '## Warm-up',
  'Some *emphasis*, **strong** text, `inline code` and a [link](https://example.com).',
  '- one\n- two\n  - nested',
  '1. first\n2. second',
  '| a | b |\n|---|---:|\n| 1 | 2 |',
  '```ts\nconst answer: number = 42;\n```',
  '> a quote',
].join('\n\n');

/** How long the sample stays mounted: long enough for the highlighter to load and run. */
const KEEP_MS = 3_000;

let done = false;

/** Runs `run` once the page is idle (at the latest after 2 s). */
export const whenIdle = (run: () => void) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2_000 });
  else setTimeout(run, 0);
};

/**
 * Loads the markdown renderer and renders the sample once per page, when the page is idle.
 * Safe to call many times. A failed load is left to the first real markdown to retry.
 */
export function warmUpMarkdown(): void {
  if (done || typeof document === 'undefined') return;
  done = true;
  whenIdle(() => {
    markdownModule.load().then(
      ({ Markdown }) =>
        whenIdle(() => {
          const root = createRoot(document.createElement('div'));
          root.render(<Markdown text={SAMPLE} />);
          setTimeout(() => root.unmount(), KEEP_MS);
        }),
      () => undefined,
    );
  });
}
