import { lazyModule } from './lazy-module';

/** KaTeX and its stylesheet as a lazy module (its own chunk, fetched for the first formula). */
export const mathRenderer = lazyModule(() => import('./math-renderer'));

const cache = new Map<string, string | null>();
const CACHE_LIMIT = 300;

/** Typeset HTML, memoized; null when KaTeX has not loaded yet or the TeX is invalid. */
export function typesetCached(tex: string, display: boolean): string | null {
  const module = mathRenderer.get();
  if (!module) return null;
  const key = `${display ? 'D' : 'I'}${tex}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  const html = module.texToHtml(tex, display);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, html);
  return html;
}
