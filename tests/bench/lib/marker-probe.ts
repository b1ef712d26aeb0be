/**
 * A page probe for staleness: records when each marker word (see stream-metrics.ts) is first
 * painted: the animation frame that paints the DOM change that put it in the page. One
 * MutationObserver and one regular-expression scan of what changed; at most one frame
 * callback per frame. Installed with `page.evaluate(installMarkerProbe, pattern)` before a
 * stream and read back with `page.evaluate(readMarkers)`.
 */

declare global {
  interface Window {
    __benchMarkers?: { painted: Record<string, number>; stop(): void };
  }
}

/** Runs in the page (serialised: no imports, no outer references). */
export function installMarkerProbe(pattern: string): void {
  window.__benchMarkers?.stop();
  const regex = new RegExp(pattern, 'g');
  const painted: Record<string, number> = {};
  const seen = new Set<string>();
  let pending: string[] = [];
  const scan = (text: string) => {
    for (const match of text.matchAll(regex)) {
      const word = match[0];
      if (seen.has(word)) continue;
      seen.add(word);
      pending.push(word);
    }
  };
  const observer = new MutationObserver((records) => {
    const before = pending.length;
    for (const record of records) {
      if (record.type === 'characterData') scan((record.target as Text).data);
      else for (const node of record.addedNodes) scan(node.textContent ?? '');
    }
    // The frame that paints them, by the probes' one rule (window.__bench.paintFrameOf): this
    // frame when the change was made in its animation callbacks, else the next.
    if (before === 0 && pending.length > 0)
      void window.__bench.paintFrameOf().then((at) => {
        for (const word of pending) painted[word] = at;
        pending = [];
      });
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
  window.__benchMarkers = { painted, stop: () => observer.disconnect() };
}

/** Runs in the page: the markers painted so far (epoch ms), and stops the probe. */
export function readMarkers(): Record<string, number> {
  const probe = window.__benchMarkers;
  probe?.stop();
  return { ...(probe?.painted ?? {}) };
}
