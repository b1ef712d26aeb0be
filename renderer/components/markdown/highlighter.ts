import { lazyModule } from './lazy-module';

/**
 * The highlighter as a lazy module: `import()` makes Vite put highlight.js and its grammars
 * in their own chunk, fetched the first time a closed code block is shown.
 */
export const highlighter = lazyModule(() => import('./highlight-languages'));

const cache = new Map<string, string | null>();
const CACHE_LIMIT = 300;

/**
 * Highlighted HTML for a closed code block, memoized on language and code so a block that
 * remounts (virtualized list, switching conversations) is not highlighted twice. Null when
 * the highlighter has not loaded yet or the language is unknown.
 */
export function highlightCached(code: string, language: string): string | null {
  const module = highlighter.get();
  if (!module) return null;
  const key = `${language}\u0000${code}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  const html = module.highlightToHtml(code, language.toLowerCase());
  // Oldest first out: Map keeps insertion order.
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, html);
  return html;
}
