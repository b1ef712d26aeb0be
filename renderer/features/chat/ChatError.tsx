import { useEffect, useMemo, useState } from 'react';
import type { Endpoint } from '../../../shared/domain';
import { CredentialButton } from '../../components/CredentialButton';
import { formatError, formatSeconds } from '../../core/format';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { actionsFor, largerEndpoints, type Overflow, otherChatEndpoints } from './chat-errors';
import { useChatStore } from './chat-store';
import type { TurnFailure } from './chat-types';

const fmt = (n: number) => n.toLocaleString('en-US');

/** Seconds left until `until` (epoch ms), ticking once a second. */
function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

function OverflowText({ overflow, endpoint }: { overflow: Overflow; endpoint: string }) {
  const approx = overflow.estimated ? '~' : '';
  return (
    <p>
      The request is {approx}
      <strong>{fmt(overflow.over)} tokens</strong> over the {fmt(overflow.window)}-token context window of{' '}
      {endpoint} ({approx}
      {fmt(overflow.requestTokens)} tokens{overflow.estimated ? ', estimated at ~4 characters per token' : ''}
      ).
    </p>
  );
}

/** Whether dropping older turns can make the request fit, and why not. */
function useTrimAdvice(failure: TurnFailure): { can: boolean; why: string | null } {
  const thread = useChatStore((s) => s.thread);
  const messages = useChatStore((s) => s.messages);
  const draft = useChatStore((s) => s.draft);
  const cpt = useChatStore((s) => s.charsPerToken);
  const last = failure.retry.kind === 'send' ? draft : (messages[failure.retry.parentId]?.content ?? '');
  const older = failure.retry.kind === 'send' ? thread.length : thread.length - 1;
  const window = failure.overflow?.window ?? null;
  if (older <= 0) return { can: false, why: 'There are no older turns to leave out.' };
  const alone = Math.ceil(last.length / cpt);
  if (window !== null && alone > window)
    return {
      can: false,
      why: `Your last message alone is ~${fmt(alone)} tokens: shorten it or pick a larger endpoint.`,
    };
  return { can: true, why: null };
}

function EndpointChoices({ endpoints }: { endpoints: Endpoint[] }) {
  const retryWith = useChatStore((s) => s.retryWithEndpoint);
  if (endpoints.length === 0) return <p className="muted">No other chat endpoint in this workspace fits.</p>;
  return (
    <ul className="chat-error__endpoints" aria-label="Use instead">
      {endpoints.map((e) => (
        <li key={e.name}>
          <button type="button" className="button button--small" onClick={() => void retryWith(e.name)}>
            Use {e.name}
            {e.contextWindow ? ` (${fmt(e.contextWindow)} tokens)` : ''}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Actions({ failure }: { failure: TurnFailure }) {
  const s = useChatStore();
  const endpoints = useEndpointsStore((st) => st.endpoints);
  const [picking, setPicking] = useState(false);
  const trim = useTrimAdvice(failure);
  const wait = useCountdown(failure.retryAfter);
  const actions = actionsFor(failure.error);
  const candidates = useMemo(
    () =>
      failure.overflow
        ? largerEndpoints(endpoints, failure.endpoint, failure.overflow.requestTokens)
        : otherChatEndpoints(endpoints, failure.endpoint),
    [endpoints, failure],
  );
  const pick = () => {
    setPicking(true);
    s.focusEndpointPicker();
  };
  return (
    <>
      {failure.error.code === 'RATE_LIMITED' && (
        <p data-testid="rate-limit-countdown" aria-live="polite">
          {wait > 0 ? `You can retry in ${formatSeconds(wait)}.` : 'You can retry now.'}
        </p>
      )}
      {actions.includes('trim') && trim.why && <p className="muted">{trim.why}</p>}
      <div className="row chat-error__actions">
        {actions.includes('retry') && (
          <button
            type="button"
            className="button button--small button--primary"
            onClick={() => void s.retryFailure()}
          >
            Retry
          </button>
        )}
        {actions.includes('trim') && (
          <button
            type="button"
            className="button button--small"
            disabled={!trim.can}
            onClick={() => void s.trimAndRetry()}
          >
            Trim older turns
          </button>
        )}
        {actions.includes('pick-endpoint') && (
          <button type="button" className="button button--small" aria-expanded={picking} onClick={pick}>
            Pick another endpoint
          </button>
        )}
        {actions.includes('credentials') && <CredentialButton />}
        {actions.includes('params') && (
          <button type="button" className="button button--small" onClick={() => s.setParamsOpen(true)}>
            Check the parameters
          </button>
        )}
        <button type="button" className="button button--small button--ghost" onClick={s.dismissFailure}>
          Dismiss
        </button>
      </div>
      {picking && <EndpointChoices endpoints={candidates} />}
    </>
  );
}

/**
 * A request that failed before any text, said in words that lead somewhere: by how much a
 * request is over the window, which rate limit and when to retry, where to re-enter
 * credentials, which endpoint to use instead. The user's text is back in the composer.
 */
export function ChatError() {
  const failure = useChatStore((s) => s.failure);
  if (!failure) return null;
  const notFound = failure.error.code === 'NOT_FOUND';
  return (
    <div role="alert" className="alert chat-error" data-testid="chat-error">
      {failure.overflow ? (
        <OverflowText overflow={failure.overflow} endpoint={failure.endpoint} />
      ) : notFound ? (
        <p>
          The endpoint {failure.endpoint} was not found: it may have been deleted or its model retired. Pick
          another endpoint.
        </p>
      ) : (
        <p>{formatError(failure.error)}</p>
      )}
      {failure.overflow && <p className="muted chat-error__detail">{failure.error.message}</p>}
      {failure.retry.kind === 'send' && <p className="muted">Your message is back in the composer.</p>}
      <Actions failure={failure} />
    </div>
  );
}
