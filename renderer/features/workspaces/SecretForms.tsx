import { type FormEvent, useId, useState } from 'react';
import { Field, SubmitRow } from '../../components/FormBits';
import { useWorkspaceStore } from '../../core/stores/workspace-store';

/**
 * Service principal (OAuth machine-to-machine): the client secret lives in this form's state
 * only while typed and is cleared the moment the form is submitted, before the bridge call;
 * the privileged side checks it with a real token call and keeps it in the OS keychain.
 */
export function ServicePrincipalForm({ onConnected }: { onConnected?: () => void }) {
  const id = useId();
  const connect = useWorkspaceStore((s) => s.connectServicePrincipal);
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const secret = clientSecret;
    setClientSecret('');
    if (await connect({ name, host, clientId, clientSecret: secret })) {
      setName('');
      setHost('');
      setClientId('');
      onConnected?.();
    }
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Connect a service principal" data-testid="sp-form">
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
      />
      <p className="hint">
        The secret is checked with a real token call, then kept in your OS keychain — never on disk.
      </p>
      <SubmitRow label="Connect" />
    </form>
  );
}

/**
 * Any OpenAI-compatible server (vLLM, Ollama, LM Studio…). The API key is optional (local
 * servers are often open) and, like every secret, cleared from state on submit.
 */
export function OpenAiForm({ onConnected }: { onConnected?: () => void }) {
  const id = useId();
  const connect = useWorkspaceStore((s) => s.connectOpenAi);
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = apiKey;
    setApiKey('');
    if (await connect({ name, baseUrl, apiKey: key })) {
      setName('');
      setBaseUrl('');
      onConnected?.();
    }
  };

  return (
    <form
      className="form"
      onSubmit={submit}
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
      <Field id={`${id}-key`} label="API key (optional)" secret value={apiKey} onChange={setApiKey} />
      <p className="hint">
        Models are listed from the server's /models; a key, if any, is kept in your OS keychain.
      </p>
      <SubmitRow label="Connect" />
    </form>
  );
}
