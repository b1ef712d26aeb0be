import { type KeyboardEvent, useId } from 'react';
import { validateParams } from '../../../shared/limits';
import { selectParamsProblem, useParamsValidity } from '../../components/params/params-validity';
import { SendStopButton } from '../../components/SendStopButton';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { useEndpointChoice } from '../../core/stores/use-usable-endpoints';
import { useCompletionStore } from './completion-store';

/** Why Send is refused because of the parameters (a control's refused input, or the limits table). */
function useParamsProblem(): string | null {
  const panel = useParamsValidity(selectParamsProblem);
  const params = useCompletionStore((s) => s.params);
  const endpoint = useCompletionStore((s) => s.endpoint);
  const window = useEndpointsStore(
    (s) => s.endpoints.find((e) => e.name === endpoint)?.contextWindow ?? null,
  );
  return panel ?? validateParams(params, 'completions', window)[0] ?? null;
}

/**
 * The raw prompt, in a monospace editor: Enter is a newline (prompts are text, often code),
 * Ctrl/Cmd+Enter sends. Send becomes Stop while streaming; Append to prompt adds the
 * selected completion to the prompt so the next Send continues from it.
 */
export function PromptEditor() {
  const id = useId();
  const prompt = useCompletionStore((s) => s.prompt);
  const setPrompt = useCompletionStore((s) => s.setPrompt);
  const send = useCompletionStore((s) => s.send);
  const stop = useCompletionStore((s) => s.stop);
  const append = useCompletionStore((s) => s.append);
  const streaming = useCompletionStore((s) => s.streaming);
  const endpoint = useCompletionStore((s) => s.endpoint);
  const hasEndpoint = endpoint !== null;
  // A remembered endpoint that is gone is not replaced: nothing is sent until another is picked.
  const { missing } = useEndpointChoice('completions', endpoint);
  const appendable = useCompletionStore((s) => (s.run?.choices[s.selectedChoice]?.text.length ?? 0) > 0);
  const choiceCount = useCompletionStore((s) => s.run?.choices.length ?? 0);
  const problem = useParamsProblem();
  const canSend = !streaming && hasEndpoint && !missing && prompt.length > 0 && problem === null;

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canSend) void send();
  };

  return (
    <div className="completion-editor">
      <label htmlFor={id} className="completion-editor__label">
        Prompt
      </label>
      <textarea
        id={id}
        className="completion-editor__input"
        rows={8}
        spellCheck={false}
        value={prompt}
        placeholder={
          hasEndpoint
            ? 'Write the text the model continues (Ctrl/Cmd+Enter to send)'
            : 'Pick an endpoint first'
        }
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => setPrompt(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {problem && (
        <p className="alert alert--inline" role="status" id={`${id}-problem`}>
          Not sent until the parameters are fixed: {problem}
        </p>
      )}
      <div className="completion-editor__actions">
        <SendStopButton
          streaming={streaming}
          canSend={canSend}
          sendTitle={missing?.reason ?? problem ?? 'Send (Ctrl/Cmd+Enter)'}
          onSend={() => void send()}
          onStop={() => void stop()}
        />
        <button
          type="button"
          className="button"
          disabled={streaming || !appendable}
          title={
            choiceCount > 1
              ? 'Adds the selected choice to the end of the prompt, to continue from it'
              : 'Adds the completion to the end of the prompt, to continue from it'
          }
          onClick={append}
        >
          Append to prompt
        </button>
        <span className="hint">{prompt.length.toLocaleString('en-US')} characters</span>
      </div>
    </div>
  );
}
