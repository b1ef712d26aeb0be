import { code } from '@streamdown/code';
import { math } from '@streamdown/math';
import { useEffect, useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { Streamdown } from 'streamdown';
import 'streamdown/styles.css';
import 'katex/dist/katex.min.css';
import { Markdown } from '../../../renderer/components/markdown/Markdown';
import '../../../renderer/styles/app.css';
import './page.css';

/*
 * A bench-only page: one streaming answer rendered by the renderer named in `?renderer=`,
 * fed a list of events at given times. Each event arrives in its own task (as network
 * messages do) and appends its text with one state update, and the page keeps the end of
 * the answer in view, which is what chat clients do (so the growing text is painted, as in
 * the app). `ours` is the app's own Markdown component under the same feed.
 *
 * Streamdown runs at parity with the app: its code-highlighting (@streamdown/code, Shiki)
 * and math (@streamdown/math, KaTeX) plugins, passed as its docs say, with its styles and
 * KaTeX's. `__benchReset` empties the answer, so a warm-up stream can run in the same page
 * before the measured one.
 */

type RendererName = 'streamdown' | 'react-markdown' | 'ours';

interface FeedEvent {
  t: number;
  text: string;
}

declare global {
  interface Window {
    /** Starts the feed; resolves with the epoch time the last event was due. */
    __benchFeed(events: FeedEvent[]): Promise<number>;
    /** Empties the answer (a new stream); resolves once that is on screen. */
    __benchReset(): Promise<void>;
  }
}

const renderer = (new URLSearchParams(location.search).get('renderer') ?? 'ours') as RendererName;
let append: (text: string) => void = () => {};
let finish: () => void = () => {};
let reset: () => void = () => {};

const STREAMDOWN_PLUGINS = { code, math };

function Answer({ text, streaming }: { text: string; streaming: boolean }) {
  if (renderer === 'streamdown')
    return (
      <Streamdown isAnimating={streaming} plugins={STREAMDOWN_PLUGINS}>
        {text}
      </Streamdown>
    );
  if (renderer === 'react-markdown')
    return (
      <div className="markdown">
        <ReactMarkdown remarkPlugins={[remarkGfm]}>{text}</ReactMarkdown>
      </div>
    );
  return <Markdown text={text} streaming={streaming} />;
}

function App() {
  const [text, setText] = useState('');
  const [streaming, setStreaming] = useState(true);
  // Each stream is a new message: a fresh renderer instance, as in a chat.
  const [round, setRound] = useState(0);
  useEffect(() => {
    append = (piece) => setText((previous) => previous + piece);
    finish = () => setStreaming(false);
    reset = () => {
      setText('');
      setStreaming(true);
      setRound((n) => n + 1);
    };
  }, []);
  // Follow the answer as it grows, like a chat that sticks to the bottom.
  useLayoutEffect(() => {
    if (text) document.scrollingElement?.scrollTo(0, document.scrollingElement.scrollHeight);
  }, [text]);
  return (
    <article className="bench-answer" data-testid="bench-answer" data-renderer={renderer}>
      <Answer key={round} text={text} streaming={streaming} />
    </article>
  );
}

window.__benchFeed = (events) =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    let index = 0;
    channel.port1.onmessage = (message: MessageEvent<string | null>) => {
      if (message.data === null) finish();
      else append(message.data);
    };
    const start = performance.now() + 50;
    const lastDue = performance.timeOrigin + start + (events.at(-1)?.t ?? 0);
    const pump = () => {
      const elapsed = performance.now() - start;
      // Every due event is posted as its own message, i.e. its own task.
      while (index < events.length && (events[index] as FeedEvent).t <= elapsed)
        channel.port2.postMessage((events[index++] as FeedEvent).text);
      if (index < events.length) setTimeout(pump, Math.max(0, (events[index] as FeedEvent).t - elapsed));
      else {
        channel.port2.postMessage(null);
        resolve(lastDue);
      }
    };
    setTimeout(pump, 50);
  });

window.__benchReset = () =>
  new Promise((resolve) => {
    reset();
    // Two frames: React commits the empty answer, then it is painted.
    requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
  });

createRoot(document.getElementById('root') as HTMLElement).render(<App />);
