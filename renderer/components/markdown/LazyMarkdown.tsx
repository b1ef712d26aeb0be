import { lazyModule, useLazyModule } from './lazy-module';
import type { MarkdownProps } from './Markdown';

/*
 * The markdown pipeline (react-markdown, its parser, GFM and math syntax: about 150 KB) is a
 * chunk of its own, not start-up code: an empty conversation never needs it, and the page is
 * interactive sooner without it. It starts loading after the first paint (markdown-warmup.tsx)
 * or when the first markdown is shown, whichever comes first; once loaded, every later render
 * gets it synchronously.
 */

/** The markdown renderer's module, loaded once. */
export const markdownModule = lazyModule(() => import('./Markdown'));

/**
 * Renders `text` as markdown (see Markdown.tsx). Until the renderer's chunk has loaded (only
 * ever the first moments after start), the text is shown as it is, line breaks kept, in an
 * element of its own (`markdown-pending`), so nothing that looks for rendered markdown finds
 * the raw text instead.
 */
export function Markdown(props: MarkdownProps) {
  const loaded = useLazyModule(markdownModule, true);
  if (loaded) return <loaded.Markdown {...props} />;
  return (
    <div className="markdown-pending" data-testid="markdown-pending">
      {props.text}
    </div>
  );
}
