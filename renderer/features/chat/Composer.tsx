import { type KeyboardEvent, useEffect, useId, useRef } from 'react';
import { validateParams } from '../../../shared/limits';
import { selectParamsProblem, useParamsValidity } from '../../components/params/params-validity';
import { SendStopButton } from '../../components/SendStopButton';
import { paramProblemsFor } from '../../core/endpoint-capabilities';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { useEndpointChoice } from '../../core/stores/use-usable-endpoints';
import { useChatStore } from './chat-store';

/**
 * Why Send is refused because of the parameters: the panel's refused input, or the limits
 * table with the endpoint's window, reasoning control and protocol.
 */
function useParamsProblem(): string | null {
  const panel = useParamsValidity(selectParamsProblem);
  const params = useChatStore((s) => s.params);
  const endpoint = useChatStore((s) => s.endpoint);
  const info = useEndpointsStore((s) => s.endpoints.find((e) => e.name === endpoint));
  if (panel) return panel;
  const problems = endpoint
    ? paramProblemsFor(params, info ?? { name: endpoint })
    : validateParams(params, 'chat', null);
  return problems[0] ?? null;
}

/** The message box: Enter sends, Shift+Enter is a newline; Send becomes Stop while streaming. */
export function Composer() {
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const draft = useChatStore((s) => s.draft);
  const setDraft = useChatStore((s) => s.setDraft);
  const send = useChatStore((s) => s.send);
  const stop = useChatStore((s) => s.stop);
  const streaming = useChatStore((s) => s.activeId !== null);
  const endpoint = useChatStore((s) => s.endpoint);
  const hasEndpoint = endpoint !== null;
  const { missing } = useEndpointChoice('chat', endpoint);
  const focusTick = useChatStore((s) => s.composerFocus);
  const problem = useParamsProblem();
  const canSend = !streaming && hasEndpoint && !missing && draft.trim() !== '' && problem === null;

  useEffect(() => {
    if (focusTick > 0) input.current?.focus();
  }, [focusTick]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that confirms an IME composition is not a send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canSend) void send();
  };

  return (
    <div className="composer-wrap">
      {missing && (
        <p className="alert alert--inline composer__problem" role="status" data-testid="composer-missing">
          Not sent until another endpoint is picked: {missing.name} is missing.
        </p>
      )}
      {problem && (
        <p className="alert alert--inline composer__problem" role="status" id={`${id}-problem`}>
          Not sent until the parameters are fixed: {problem}
        </p>
      )}
      <div className="composer">
        <label htmlFor={id} className="visually-hidden">
          Message
        </label>
        <textarea
          id={id}
          ref={input}
          className="composer__input"
          rows={3}
          value={draft}
          aria-describedby={problem ? `${id}-problem` : undefined}
          placeholder={
            hasEndpoint
              ? 'Message the model (Enter to send, Shift+Enter for a new line)'
              : 'Pick an endpoint first'
          }
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <SendStopButton
          streaming={streaming}
          canSend={canSend}
          sendTitle={missing?.reason ?? problem ?? undefined}
          onSend={() => void send()}
          onStop={() => void stop()}
        />
      </div>
    </div>
  );
}
