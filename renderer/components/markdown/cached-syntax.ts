/*
 * react-markdown builds a new unified processor on every render, and freezing it runs each
 * remark plugin again: remark-gfm and remark-math rebuild their micromark syntax extensions
 * every time (about a fifth of the cost of parsing a small block, and the streaming tail is
 * parsed on every update). Both plugins only add syntax extensions to the processor's data
 * (`micromarkExtensions`, `fromMarkdownExtensions`, `toMarkdownExtensions`): this runs such a
 * plugin once and hands the same, stateless extension objects to every later processor.
 * Hand-written because react-markdown takes plugins, not a processor to reuse.
 */

/** What a syntax plugin sees as `this`: the processor's data store. */
interface DataHolder {
  data(): Record<string, unknown>;
}

/** A remark plugin (attacher) that only adds syntax extensions, such as remark-gfm. */
export type SyntaxPlugin<Options> = (this: DataHolder, options?: Options) => unknown;

/**
 * `plugin` with `options`, run once: the result adds the extensions the plugin added the first
 * time to each processor it is used in. Throws if the plugin does more than add data (returns
 * a transformer), so an upgrade that changes that is noticed rather than silently dropped.
 */
export function cachedSyntax<Options>(plugin: SyntaxPlugin<Options>, options?: Options): () => void {
  let added: Record<string, unknown> | null = null;
  return function addCachedSyntax(this: DataHolder) {
    if (!added) {
      const store: Record<string, unknown> = {};
      if (plugin.call({ data: () => store }, options) !== undefined) {
        throw new Error('cachedSyntax: the plugin returned a transformer; use it directly');
      }
      added = store;
    }
    const data = this.data();
    for (const [key, values] of Object.entries(added)) {
      // Fresh arrays: a later plugin pushing onto this processor's lists must not grow the cache.
      const list = data[key];
      data[key] = [...(Array.isArray(list) ? list : []), ...(Array.isArray(values) ? values : [values])];
    }
  };
}
