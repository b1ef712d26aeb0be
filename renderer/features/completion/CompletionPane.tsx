import { useEffect } from 'react';
import { ParamsPanel } from '../../components/params/ParamsPanel';
import { PresetMenu } from '../../components/params/PresetMenu';
import { RequestTools } from '../../components/params/RequestTools';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { usePricesStore } from '../../core/stores/prices-store';
import { CompletionEndpointPicker } from './CompletionEndpointPicker';
import { CompletionError } from './CompletionError';
import { CompletionOutput } from './CompletionOutput';
import { useCompletionStore } from './completion-store';
import { PromptEditor } from './PromptEditor';
import { RunHistory } from './RunHistory';
import '../../styles/completion.css';

/** Whether a modal is open: its Esc closes it and must not also stop the stream. */
const modalOpen = () => document.querySelector('dialog[open], [aria-modal="true"]') !== null;

/**
 * Esc stops the stream while this pane is on screen. A window listener of its own rather than
 * the 'chat.stop' command: that command belongs to the chat (whose handler stays registered
 * while other panes show), and taking it over would make Esc in the chat stop a completion.
 */
function useEscapeStops() {
  const streaming = useCompletionStore((s) => s.streaming);
  const stop = useCompletionStore((s) => s.stop);
  useEffect(() => {
    if (!streaming) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && !modalOpen()) void stop();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [streaming, stop]);
}

/** Endpoint, presets (parameters only) and the request tools. */
function Toolbar() {
  const endpoint = useCompletionStore((s) => s.endpoint);
  const prompt = useCompletionStore((s) => s.prompt);
  const params = useCompletionStore((s) => s.params);
  const setParams = useCompletionStore((s) => s.setParams);
  return (
    <div className="completion-toolbar">
      <CompletionEndpointPicker />
      <div className="completion-toolbar__tools">
        {/* A completion has no system prompt: presets saved here hold an empty one, and
            loading a preset takes only its parameters. */}
        <PresetMenu systemPrompt="" params={params} onLoad={(preset) => setParams(preset.params)} />
        <span className="hint" title="A preset's system prompt is not used by a raw completion">
          Presets load parameters only
        </span>
        <RequestTools kind="completions" endpoint={endpoint} prompt={prompt} params={params} />
      </div>
    </div>
  );
}

function ParamsAside() {
  const params = useCompletionStore((s) => s.params);
  const setParams = useCompletionStore((s) => s.setParams);
  const endpoint = useCompletionStore((s) => s.endpoint);
  const window = useEndpointsStore(
    (s) => s.endpoints.find((e) => e.name === endpoint)?.contextWindow ?? null,
  );
  return <ParamsPanel value={params} onChange={setParams} task="completions" contextWindow={window} />;
}

/**
 * The Completion pane: raw text generation against completions endpoints, for tuning
 * prompts, stop sequences and max_tokens. Prompt and output on the left, parameters and the
 * saved runs on the right.
 */
export function CompletionPane() {
  useEscapeStops();
  useEffect(() => {
    const prices = usePricesStore.getState();
    if (!prices.loaded) void prices.load();
  }, []);

  return (
    <section
      className="pane pane--completion completion-layout"
      aria-label="Completion"
      data-testid="completion-pane"
    >
      <div className="completion-layout__main">
        <header className="pane__header">
          <h2>Completion</h2>
          <span className="hint">Raw text generation: the model continues your prompt</span>
        </header>
        <Toolbar />
        <PromptEditor />
        <CompletionError />
        <CompletionOutput />
      </div>
      <aside className="completion-layout__side" aria-label="Parameters and runs">
        <ParamsAside />
        <RunHistory />
      </aside>
    </section>
  );
}
