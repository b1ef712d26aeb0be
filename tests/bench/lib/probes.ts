/**
 * In-page probes, installed before any of the page's scripts run (`page.addInitScript`).
 * They observe the DOM the way a user sees it: a word is "on screen" when a DOM mutation puts
 * it there (React commits inside the animation frame that then paints). Times are epoch
 * milliseconds with sub-millisecond precision (`performance.timeOrigin + performance.now()`),
 * the same clock the demo workspace stamps its streams with; each probe also leaves a User
 * Timing mark so the trace's clock can be lined up with it.
 *
 * Kept cheap on purpose: one MutationObserver for the whole document, a text search only in
 * what changed, and one rAF loop while frames are recorded.
 */

/** The probes' API on `window.__bench`. */
export interface BenchProbes {
  /** Now, in epoch ms. */
  now(): number;
  /**
   * Resolves with the time a mutation first puts `word` in the page (inside the `index`-th
   * element matching `rootSelector`, when given) and marks it as `mark` in the trace. Every
   * watch resolves with NaN if nothing happened within WATCH_TIMEOUT_MS, so a run that never
   * shows what it waits for is reported as a failure instead of hanging the benchmark.
   */
  watchText(word: string, mark: string, rootSelector?: string, index?: number): Promise<number>;
  /**
   * Like watchText, but resolves at the paint that shows it: the start of the animation frame
   * that paints the mutation, so "on screen" means painted, not just in the DOM. That frame is
   * the next one for a change made in a task (a network message, a timer), and the current one
   * for a change made inside a frame's animation callbacks (a renderer that batches to frames
   * paints in the same frame). See `paintFrameOf`.
   */
  watchTextPainted(word: string, mark: string): Promise<number>;
  /** The start (epoch ms) of the frame that paints a change made now: see watchTextPainted. */
  paintFrameOf(): Promise<number>;
  /** Resolves when an element matching `selector` is in the page (at once if it already is). */
  watchElement(selector: string, mark: string): Promise<number>;
  /** Resolves when no element matches `selector` any more. */
  watchGone(selector: string, mark: string): Promise<number>;
  /** Starts recording frame times (rAF) and DOM update times. */
  startRecording(): void;
  /** Stops recording; returns frame start times and update (mutation batch) times, epoch ms. */
  stopRecording(): { frames: number[]; updates: number[] };
  /** Epoch ms of the last pointerdown in the page (the user's click), or null. */
  lastPointerDown: number | null;
  /** Leaves a User Timing mark and returns its epoch time. */
  mark(name: string): number;
  // Added for the throughput and history scenarios (issue 19).
  /**
   * Resolves with, for each of `words` (which appear in this order), the time it was painted:
   * the animation frame after a mutation first puts it in the page (inside the `index`-th
   * element matching `rootSelector`, when given); NaN for a word not seen within the watch
   * timeout. Only the next words still awaited are searched, so it stays cheap.
   */
  watchWordsPainted(words: string[], rootSelector?: string, index?: number): Promise<number[]>;
  /**
   * Starts recording long tasks (PerformanceObserver 'longtask': tasks over 50 ms), as
   * [start, end] in epoch ms; `longTasks()` returns those recorded so far.
   */
  startLongTasks(): void;
  longTasks(): Array<[number, number]>;
  /**
   * Arms a keystroke measurement (call, and await the call, before typing): `keyPainted()`
   * then resolves with the next keydown event's time and the time of the animation frame after
   * the `input` event that put its character in the focused field (NaN after 10 s without one).
   */
  armKeyPaint(): void;
  keyPainted(): Promise<{ keydownAt: number; paintedAt: number }>;
}

declare global {
  interface Window {
    __bench: BenchProbes;
  }
}

/** The probe installer; runs in the page (serialised: no imports, no outer references). */
export function installProbes(): void {
  const now = () => performance.timeOrigin + performance.now();
  type Watcher = { test: (records: MutationRecord[]) => boolean; done: () => void };
  const watchers = new Set<Watcher>();
  let recording = false;
  let frames: number[] = [];
  let updates: number[] = [];
  let observer: MutationObserver | null = null;

  const mark = (name: string) => {
    const at = now();
    performance.mark(name);
    return at;
  };

  /*
   * Frames: requestAnimationFrame is wrapped so the probes know when a frame's animation
   * callbacks are running (from the first callback until the next task). A change made then
   * (in a callback or the microtasks after it, as React's commit is) is painted by this frame.
   */
  let frameStart: number | null = null;
  const frameEnd = new MessageChannel();
  frameEnd.port1.onmessage = () => {
    frameStart = null;
  };
  const nativeFrame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    nativeFrame((time) => {
      if (frameStart === null) {
        frameStart = now();
        frameEnd.port2.postMessage(null);
      }
      callback(time);
    });
  const textOf = (node: Node) =>
    node.nodeType === Node.TEXT_NODE ? (node as Text).data : (node.textContent ?? '');

  const ensureObserver = () => {
    if (observer) return;
    observer = new MutationObserver((records) => {
      if (recording) updates.push(now());
      for (const watcher of [...watchers]) if (watcher.test(records)) watcher.done();
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  };

  const WATCH_TIMEOUT_MS = 90_000;
  const watch = (test: Watcher['test'], name: string, already: () => boolean) =>
    new Promise<number>((resolve) => {
      if (already()) {
        resolve(mark(name));
        return;
      }
      ensureObserver();
      const timer = setTimeout(() => {
        watchers.delete(watcher);
        resolve(Number.NaN);
      }, WATCH_TIMEOUT_MS);
      const watcher: Watcher = {
        test,
        done: () => {
          clearTimeout(timer);
          watchers.delete(watcher);
          resolve(mark(name));
        },
      };
      watchers.add(watcher);
    });

  // State of the probes added for the throughput and history scenarios (issue 19).
  let longTasks: Array<[number, number]> = [];
  let longTaskObserver: PerformanceObserver | null = null;
  let keyPaint: Promise<{ keydownAt: number; paintedAt: number }> | null = null;

  const probes: BenchProbes = {
    now,
    mark,
    lastPointerDown: null,
    watchText(word, name, rootSelector, index = 0) {
      const root = () => (rootSelector ? (document.querySelectorAll(rootSelector)[index] ?? null) : document);
      return watch(
        (records) => {
          const scope = root();
          if (!scope) return false;
          for (const record of records) {
            if (!scope.contains(record.target)) continue;
            if (record.type === 'characterData' && textOf(record.target).includes(word)) return true;
            for (const node of record.addedNodes) if (textOf(node).includes(word)) return true;
          }
          return false;
        },
        name,
        () => false,
      );
    },
    watchTextPainted(word, name) {
      return probes
        .watchText(word, `${name}:dom`)
        .then((at) => (Number.isNaN(at) ? at : probes.paintFrameOf()));
    },
    paintFrameOf() {
      // Read now, in the microtask after the change, before the frame can end.
      const current = frameStart;
      if (current !== null) return Promise.resolve(current);
      return new Promise<number>((resolve) => nativeFrame(() => resolve(now())));
    },
    watchElement(selector, name) {
      const present = () => document.querySelector(selector) !== null;
      return watch(present, name, present);
    },
    watchGone(selector, name) {
      const gone = () => document.querySelector(selector) === null;
      return watch(gone, name, gone);
    },
    startRecording() {
      ensureObserver();
      frames = [];
      updates = [];
      recording = true;
      const loop = () => {
        if (!recording) return;
        frames.push(now());
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    },
    stopRecording() {
      recording = false;
      return { frames, updates };
    },
    // Added for the throughput and history scenarios (issue 19).
    watchWordsPainted(words, rootSelector, index = 0) {
      return new Promise<number[]>((resolve) => {
        const painted: number[] = words.map(() => Number.NaN);
        const root = () =>
          rootSelector ? (document.querySelectorAll(rootSelector)[index] ?? null) : document;
        let next = 0;
        let framesPending = 0;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const finish = () => {
          if (timer !== undefined) clearTimeout(timer);
          watchers.delete(watcher);
          resolve(painted);
        };
        const watcher: Watcher = {
          test(records) {
            const scope = root();
            if (!scope) return false;
            const found: number[] = [];
            while (next < words.length) {
              const word = words[next] as string;
              let hit = false;
              for (const record of records) {
                if (!scope.contains(record.target)) continue;
                if (record.type === 'characterData' && textOf(record.target).includes(word)) hit = true;
                else for (const node of record.addedNodes) if (textOf(node).includes(word)) hit = true;
                if (hit) break;
              }
              if (!hit) break;
              found.push(next);
              next += 1;
            }
            if (found.length > 0) {
              // The frame that paints them (see paintFrameOf): this one when the change was
              // made in its animation callbacks, else the next.
              const current = frameStart;
              if (current !== null) {
                for (const k of found) painted[k] = current;
                if (next >= words.length && framesPending === 0) finish();
              } else {
                framesPending += 1;
                nativeFrame(() => {
                  const at = now();
                  for (const k of found) painted[k] = at;
                  framesPending -= 1;
                  if (next >= words.length && framesPending === 0) finish();
                });
              }
            }
            return false;
          },
          done: () => {},
        };
        timer = setTimeout(finish, WATCH_TIMEOUT_MS);
        ensureObserver();
        watchers.add(watcher);
      });
    },
    startLongTasks() {
      longTasks = [];
      if (longTaskObserver) return;
      longTaskObserver = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const start = performance.timeOrigin + entry.startTime;
          longTasks.push([start, start + entry.duration]);
        }
      });
      longTaskObserver.observe({ type: 'longtask' });
    },
    longTasks() {
      return [...longTasks];
    },
    armKeyPaint() {
      keyPaint = new Promise((resolve) => {
        let keydownAt = Number.NaN;
        const onKey = (event: KeyboardEvent) => {
          keydownAt = performance.timeOrigin + event.timeStamp;
        };
        // Window listeners in the bubble phase run after the app's own (React's, at its root).
        const onInput = () => {
          clearTimeout(timer);
          removeEventListener('keydown', onKey, true);
          removeEventListener('input', onInput);
          void probes.paintFrameOf().then((paintedAt) => resolve({ keydownAt, paintedAt }));
        };
        const timer = setTimeout(() => {
          removeEventListener('keydown', onKey, true);
          removeEventListener('input', onInput);
          resolve({ keydownAt, paintedAt: Number.NaN });
        }, 10_000);
        addEventListener('keydown', onKey, true);
        addEventListener('input', onInput);
      });
    },
    keyPainted() {
      return keyPaint ?? Promise.resolve({ keydownAt: Number.NaN, paintedAt: Number.NaN });
    },
  };
  window.__bench = probes;
  addEventListener('pointerdown', () => (probes.lastPointerDown = now()), { capture: true });
}

/**
 * The init script's source. tsx/esbuild wrap nested functions in `__name(…)` to keep their
 * names; the page has no such helper, so a no-op one comes first.
 */
export const PROBES_SCRIPT = `globalThis.__name ??= (f) => f;\n(${installProbes.toString()})();`;

/** Gaps between consecutive frames, ms. */
export function frameGaps(frames: readonly number[]): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < frames.length; i++) gaps.push((frames[i] as number) - (frames[i - 1] as number));
  return gaps;
}
