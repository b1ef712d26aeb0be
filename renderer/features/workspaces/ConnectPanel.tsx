import { type KeyboardEvent, useId, useState } from 'react';
import '../../styles/workspaces.css';
import { useWorkspaceStore } from '../../core/stores/workspace-store';
import { ConnectForm } from './ConnectForm';
import { OAuthForm } from './OAuthForm';
import { OpenAiForm, ServicePrincipalForm } from './SecretForms';

/** The ways to connect, in the order shown. */
const METHODS = [
  { id: 'oauth', label: 'Sign in with OAuth' },
  { id: 'pat', label: 'Personal access token' },
  { id: 'sp', label: 'Service principal' },
  { id: 'openai', label: 'OpenAI-compatible server' },
] as const;
type Method = (typeof METHODS)[number]['id'];

/**
 * "Connect a workspace": a tab per method and the chosen method's form. Only the chosen
 * form is mounted, so a secret typed into one never lingers in another's state. The tab
 * panel has no accessible name on purpose: naming it after its tab would give two elements
 * the label "Personal access token" (the panel and the token field).
 */
export function ConnectPanel({ onConnected }: { onConnected?: () => void }) {
  const id = useId();
  // The token form stays the default: it is the one every existing guide describes.
  const [method, setMethod] = useState<Method>('pat');
  const checking = useWorkspaceStore((s) => s.checking || s.duplicate !== null);
  const keychainAvailable = useWorkspaceStore((s) => s.keychainAvailable);
  const clearConnectError = useWorkspaceStore((s) => s.clearConnectError);
  // One method's error is not another's: switching starts clean.
  const choose = (next: Method) => {
    clearConnectError();
    setMethod(next);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const at = METHODS.findIndex((m) => m.id === method);
    const next = METHODS[(at + step + METHODS.length) % METHODS.length];
    if (next) choose(next.id);
    document.getElementById(`${id}-tab-${next?.id}`)?.focus();
  };

  return (
    <div className="connect-panel" data-testid="connect-panel">
      {!keychainAvailable && (
        // Never a plaintext fallback: say so, and point at the route that keeps secrets out of the app.
        <p className="alert" data-testid="keychain-unavailable">
          The OS keychain is not available, so a token, client secret or API key can't be saved here (Serving
          Studio never falls back to a plain-text file). Instead, put the token or client secret in
          ~/.databrickscfg or the environment (DATABRICKS_HOST, DATABRICKS_TOKEN…) and use "Import from
          ~/.databrickscfg and environment": the workspace then reads it from there at each request, as the
          Databricks CLI does, and the app keeps no copy.
        </p>
      )}
      <div role="tablist" className="connect-panel__tabs" onKeyDown={onKeyDown}>
        {METHODS.map((m) => (
          <button
            key={m.id}
            id={`${id}-tab-${m.id}`}
            type="button"
            role="tab"
            aria-selected={method === m.id}
            aria-controls={`${id}-panel`}
            tabIndex={method === m.id ? 0 : -1}
            // Switching mid-check (or mid-question) would orphan the running request's result.
            disabled={checking && method !== m.id}
            className="connect-panel__tab"
            onClick={() => choose(m.id)}
          >
            {m.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} className="connect-panel__panel">
        {method === 'oauth' && <OAuthForm onConnected={onConnected} />}
        {method === 'pat' && <ConnectForm onConnected={onConnected} />}
        {method === 'sp' && <ServicePrincipalForm onConnected={onConnected} />}
        {method === 'openai' && <OpenAiForm onConnected={onConnected} />}
      </div>
    </div>
  );
}
