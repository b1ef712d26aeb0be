import { type KeyboardEvent, useMemo, useState } from 'react';
import type { ChatMessage, GenerationParams } from '../../../shared/domain';
import { applicableParams, endpointCapabilities, isAgent } from '../../core/endpoint-capabilities';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { selectCurrentWorkspace, useWorkspaceStore } from '../../core/stores/workspace-store';
import { CopyButton } from '../CopyButton';
import { Dialog } from '../Dialog';
import { requestPreview } from './request-preview';
import '../../styles/params.css';

/** Props of the request tools. */
export interface RequestToolsProps {
  kind: 'chat' | 'completions';
  endpoint: string | null;
  /**
   * For chat: exactly the messages the next send carries (system prompt first), or a function
   * that builds them, called only while a dialog is open (a long conversation's request is
   * costly to build on every keystroke).
   */
  messages?: ChatMessage[] | (() => ChatMessage[]);
  /** For completions: the raw prompt. */
  prompt?: string;
  params: GenerationParams;
}

/**
 * "View request" (the exact JSON the app sends, and where: Chat Completions, or the Responses
 * API for endpoints that speak it) and "Code" (the same request as curl, Python SDK, Python
 * OpenAI and TypeScript). The host comes from the current workspace;
 * the token never appears (snippets read DATABRICKS_TOKEN from the environment).
 */
export function RequestTools(props: RequestToolsProps) {
  const host = useWorkspaceStore((s) => selectCurrentWorkspace(s)?.host ?? null);
  const [open, setOpen] = useState<'request' | 'code' | null>(null);
  const { kind, endpoint, prompt, params } = props;
  const info = useEndpointsStore((s) => s.endpoints.find((e) => e.name === endpoint));
  // Built only while a dialog is open: the chat re-renders on every streamed frame.
  const preview = useMemo(() => {
    if (!open) return null;
    const messages = typeof props.messages === 'function' ? props.messages() : props.messages;
    if (kind !== 'chat' || !endpoint)
      return requestPreview({ kind, endpoint, messages, prompt, params, host });
    // A chat goes over the endpoint's protocol, with only the parameters it takes.
    const target = info ?? { name: endpoint };
    const caps = endpointCapabilities(target);
    const sent = applicableParams(params, caps);
    return requestPreview({
      kind,
      endpoint,
      messages,
      params: sent,
      host,
      protocol: caps.protocol,
      agent: isAgent(target),
    });
  }, [open, kind, endpoint, props.messages, prompt, params, host, info]);

  return (
    <div className="request-tools">
      <button type="button" className="button button--ghost button--small" onClick={() => setOpen('request')}>
        View request
      </button>
      <button type="button" className="button button--ghost button--small" onClick={() => setOpen('code')}>
        Code
      </button>
      <Dialog open={open === 'request'} title="Request" onClose={() => setOpen(null)} size="wide">
        {preview && (
          <>
            <p className="request-tools__url">
              <code data-testid="request-url">
                {preview.method} {preview.url}
              </code>
            </p>
            <p className="muted">
              Exactly what is sent (with an <code>Authorization: Bearer …</code> header added by the app).
              Unset parameters are absent.
            </p>
            <pre className="request-code" data-testid="request-json">
              {preview.json}
            </pre>
            <CopyButton text={preview.json} label="Copy JSON" />
          </>
        )}
      </Dialog>
      <Dialog open={open === 'code'} title="Code" onClose={() => setOpen(null)} size="wide">
        {preview && <CodeTabs snippets={preview.snippets} />}
      </Dialog>
    </div>
  );
}

/** The four snippets as tabs (arrow keys move between tabs), each with a Copy button. */
function CodeTabs({ snippets }: { snippets: ReturnType<typeof requestPreview>['snippets'] }) {
  const [active, setActive] = useState(0);
  const current = snippets[active];
  const onKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = (active + step + snippets.length) % snippets.length;
    setActive(next);
    document.getElementById(`code-tab-${snippets[next]?.id}`)?.focus();
  };
  if (!current) return null;
  return (
    <>
      <div role="tablist" aria-label="Language" className="code-tabs" onKeyDown={onKey}>
        {snippets.map((s, i) => (
          <button
            key={s.id}
            id={`code-tab-${s.id}`}
            type="button"
            role="tab"
            aria-selected={i === active}
            aria-controls="code-tabpanel"
            tabIndex={i === active ? 0 : -1}
            className="code-tab"
            onClick={() => setActive(i)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="code-tabpanel" aria-labelledby={`code-tab-${current.id}`}>
        <p className="muted">
          The same body as the app sends, without streaming, so the answer prints whole. Set{' '}
          <code>DATABRICKS_TOKEN</code> in your environment first.
        </p>
        <pre className="request-code" data-testid="code-snippet" data-language={current.language}>
          {current.code}
        </pre>
        <CopyButton text={current.code} />
      </div>
    </>
  );
}
