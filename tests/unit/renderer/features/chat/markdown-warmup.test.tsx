import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const roots: { element: ReactElement | null; unmounted: boolean; container: unknown }[] = [];

vi.mock('react-dom/client', () => ({
  createRoot: (container: unknown) => {
    const root = { element: null as ReactElement | null, unmounted: false, container };
    roots.push(root);
    return {
      render: (element: ReactElement) => {
        root.element = element;
      },
      unmount: () => {
        root.unmounted = true;
      },
    };
  },
}));

describe('warmUpMarkdown', () => {
  const idle: (() => void)[] = [];

  beforeEach(() => {
    vi.resetModules();
    vi.useFakeTimers();
    roots.length = 0;
    idle.length = 0;
    vi.stubGlobal('document', { createElement: (tag: string) => ({ tag, detached: true }) });
    vi.stubGlobal('requestIdleCallback', (run: () => void) => idle.push(run));
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('loads the renderer when idle, then renders a sample once into a detached container, then unmounts it', async () => {
    const { warmUpMarkdown } = await import('../../../../../renderer/features/chat/markdown-warmup');
    const { markdownModule } = await import('../../../../../renderer/components/markdown/LazyMarkdown');
    warmUpMarkdown();
    warmUpMarkdown();
    expect(roots).toHaveLength(0);
    expect(idle).toHaveLength(1);
    expect(markdownModule.get()).toBeNull();
    idle[0]?.();
    await markdownModule.load();
    // Rendering waits for the next idle moment after the chunk has loaded.
    await vi.waitFor(() => expect(idle).toHaveLength(2));
    expect(roots).toHaveLength(0);
    idle[1]?.();
    expect(roots).toHaveLength(1);
    expect(roots[0]?.element?.type).toBe(markdownModule.get()?.Markdown);
    expect(roots[0]?.container).toEqual({ tag: 'div', detached: true });
    const text = (roots[0]?.element?.props as { text?: string } | undefined)?.text ?? '';
    // The constructs whose code is costly to run the first time.
    expect(text).toContain('```ts');
    expect(text).toMatch(/\|---\|/);
    expect(roots[0]?.unmounted).toBe(false);
    vi.advanceTimersByTime(3_000);
    expect(roots[0]?.unmounted).toBe(true);
  });

  it('does nothing without a document', async () => {
    vi.stubGlobal('document', undefined);
    const { warmUpMarkdown } = await import('../../../../../renderer/features/chat/markdown-warmup');
    warmUpMarkdown();
    expect(idle).toHaveLength(0);
  });
});
