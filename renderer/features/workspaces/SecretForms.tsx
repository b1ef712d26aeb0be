import { type FormEvent, useId, useState } from 'react';
import { Field, NEEDS_KEYCHAIN, SubmitRow, useKeychainMissing } from '../../components/FormBits';
import { useWorkspaceStore } from '../../core/stores/workspace-store';

/**
 * Service principal (OAuth machine-to-machine): the privileged side checks the client secret
 * with a real token call and keeps it in the OS keychain. The form empties on success and
 * keeps what was typed when the check fails; without a keychain it says so up front.
 */
export function ServicePrincipalForm({ onConnected }: { onConnected?: () => void }) {
  const id = useId();
  const connect = useWorkspaceStore((s) => s.connectServicePrincipal);
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const keychainMissing = useKeychainMissing();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await connect({ name, host, clientId, clientSecret })) {
      setName('');
      setHost('');
      setClientId('');
      setClientSecret('');
      onConnected?.();
    }
  };

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label="Connect a service principal"
      data-testid="sp-form"
    >
      <Field id={`${id}-name`} label="Name" value={name} onChange={setName} placeholder="Production (CI)" />
      <Field
        id={`${id}-host`}
        label="Workspace URL"
        type="url"
        value={host}
        onChange={setHost}
        placeholder="https://<workspace>.cloud.databricks.com"
      />
      <Field id={`${id}-client`} label="Client ID" value={clientId} onChange={setClientId} />
      <Field
        id={`${id}-secret`}
        label="Client secret"
        secret
        value={clientSecret}
        onChange={setClientSecret}
        disabled={keychainMissing}
      />
      <p className="hint">
        The secret is checked with a real token call, then kept in your OS keychain — never on disk.
      </p>
      <SubmitRow label="Connect" blockedBy={keychainMissing ? NEEDS_KEYCHAIN : undefined} />
    </form>
  );
}

/**
 * Any OpenAI-compatible server (vLLM, Ollama, LM Studio…). The API key is optional (local
 * servers are often open); it goes to the OS keychain, so without one only keyless servers
 * can be added. Kept in the form when the check fails, like everything typed.
 */
export function OpenAiForm({ onConnected }: { onConnected?: () => void }) {
  const id = useId();
  const connect = useWorkspaceStore((s) => s.connectOpenAi);
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const keychainMissing = useKeychainMissing();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await connect({ name, baseUrl, apiKey: keychainMissing ? '' : apiKey })) {
      setName('');
      setBaseUrl('');
      setApiKey('');
      onConnected?.();
    }
  };

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label="Connect an OpenAI-compatible server"
      data-testid="openai-form"
    >
      <Field id={`${id}-name`} label="Name" value={name} onChange={setName} placeholder="Local vLLM" />
      <Field
        id={`${id}-url`}
        label="Base URL"
        type="url"
        value={baseUrl}
        onChange={setBaseUrl}
        placeholder="http://localhost:8000/v1"
      />
      <Field
        id={`${id}-key`}
        label="API key (optional)"
        secret
        value={apiKey}
        onChange={setApiKey}
        disabled={keychainMissing}
      />
      <p className="hint">
        {keychainMissing
          ? 'Without the OS keychain only a server that needs no API key can be added.'
          : "Models are listed from the server's /models; a key, if any, is kept in your OS keychain."}
      </p>
      <SubmitRow label="Connect" />
    </form>
  );
}
