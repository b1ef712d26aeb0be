import { type FormEvent, useId, useState } from 'react';
import type { WorkspaceSummary } from '../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/FormBits';
import { formatError } from '../../core/format';
import { type EditorFocus, useWorkspaceStore } from '../../core/stores/workspace-store';
import { credentialActionLabel, newSecretLabel } from '../../core/workspace-problem';
import { buildUpdate } from './edit-input';

/** "Checking…" while a real call runs, then the privileged side's answer as an alert. */
function Outcome({ busy, error }: { busy: boolean; error: string | null }) {
  return (
    <>
      {busy && (
        <span role="status" className="muted">
          Checking…
        </span>
      )}
      {error && !busy && (
        <p role="alert" className="alert" data-testid="edit-error">
          {error}
        </p>
      )}
    </>
  );
}

/**
 * A token, client secret or API key workspace: name and URL (when editing all), and the new
 * secret. The secret lives in this form's state only while typed and is cleared on submit,
 * before the bridge call; left empty, the saved one stays (and is used to re-check a new URL).
 */
function SecretEditForm({ workspace, focus }: { workspace: WorkspaceSummary; focus: EditorFocus }) {
  const id = useId();
  const update = useWorkspaceStore((s) => s.update);
  const close = useWorkspaceStore((s) => s.closeEditor);
  const saving = useWorkspaceStore((s) => s.saving);
  const editError = useWorkspaceStore((s) => s.editError);
  const [name, setName] = useState(workspace.name);
  const [host, setHost] = useState(workspace.host);
  const [clientId, setClientId] = useState(workspace.clientId ?? '');
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const all = focus === 'all';
  const kind = workspace.authKind;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const plan = buildUpdate(workspace, { name, host, clientId, secret });
    setSecret('');
    if ('problem' in plan) return setProblem(plan.problem);
    setProblem(null);
    if (plan.input) await update(plan.input);
    else close(); // nothing changed
  };

  return (
    <form className="form" onSubmit={submit} aria-label={`Edit ${workspace.name}`}>
      {all && <Field id={`${id}-name`} label="Name" value={name} onChange={setName} />}
      {all && (
        <Field
          id={`${id}-host`}
          label={kind === 'openai' ? 'Base URL' : 'Workspace URL'}
          type="url"
          value={host}
          onChange={setHost}
        />
      )}
      {all && kind === 'service-principal' && (
        <Field id={`${id}-client`} label="Client ID" value={clientId} onChange={setClientId} />
      )}
      <Field id={`${id}-secret`} label={newSecretLabel(kind)} secret value={secret} onChange={setSecret} />
      <p className="hint">
        {all ? 'Leave it empty to keep the saved one. ' : ''}A new URL or secret is checked with a real call
        before it is saved; the secret replaces the one in your OS keychain.
      </p>
      <div className="row">
        <button
          type="submit"
          className="button button--primary"
          disabled={saving || (!all && secret.trim() === '' && kind !== 'openai')}
          aria-busy={saving}
        >
          {all ? 'Save' : 'Check and save'}
        </button>
        <Outcome busy={saving} error={problem ?? (editError ? formatError(editError) : null)} />
      </div>
    </form>
  );
}

/** An OAuth workspace: a new name, and signing in again in the browser (at the URL shown). */
function OAuthEditForm({ workspace, focus }: { workspace: WorkspaceSummary; focus: EditorFocus }) {
  const id = useId();
  const update = useWorkspaceStore((s) => s.update);
  const signInAgain = useWorkspaceStore((s) => s.signInAgain);
  const pending = useWorkspaceStore((s) => s.oauth);
  const checking = useWorkspaceStore((s) => s.checking || s.saving);
  const error = useWorkspaceStore((s) => s.editError ?? s.connectError);
  const [name, setName] = useState(workspace.name);
  const [host, setHost] = useState(workspace.host);
  const all = focus === 'all';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const renamed = name.trim() && name.trim() !== workspace.name;
    if (renamed && !(await update({ id: workspace.id, name: name.trim() }))) return;
    await signInAgain(workspace.id, host);
  };

  return (
    <form className="form" onSubmit={submit} aria-label={`Edit ${workspace.name}`}>
      {all && <Field id={`${id}-name`} label="Name" value={name} onChange={setName} />}
      {all && <Field id={`${id}-host`} label="Workspace URL" type="url" value={host} onChange={setHost} />}
      <p className="hint">
        Your browser opens the workspace's sign-in page; the new refresh token replaces the old one.
      </p>
      {pending && (
        <p className="muted" role="status">
          Waiting for your browser…{' '}
          <a
            href={pending.authorizationUrl}
            target="_blank"
            rel="noreferrer noopener"
            data-testid="oauth-url"
          >
            Open the sign-in page
          </a>
        </p>
      )}
      <div className="row">
        <button type="submit" className="button button--primary" disabled={checking} aria-busy={checking}>
          Sign in again
        </button>
        <Outcome busy={checking && !pending} error={error ? formatError(error) : null} />
      </div>
    </form>
  );
}

/**
 * The one workspace editor: opened from Settings (Edit) or from an error that says the token
 * was refused (Update token). Edits in place: same workspace, same place in the switcher.
 */
export function EditWorkspaceDialog() {
  const editor = useWorkspaceStore((s) => s.editor);
  const workspace = useWorkspaceStore((s) => s.workspaces.find((w) => w.id === s.editor?.id));
  const close = useWorkspaceStore((s) => s.closeEditor);
  const open = editor !== null && workspace !== undefined && !workspace.isDemo;
  const title =
    !workspace || !editor
      ? ''
      : editor.focus === 'credential'
        ? `${credentialActionLabel(workspace.authKind)}: ${workspace.name}`
        : `Edit ${workspace.name}`;
  return (
    <Dialog open={open} title={title} onClose={close} testId="edit-workspace">
      {workspace && editor && (
        <>
          {/* Which workspace, by name and URL: two can share a name. */}
          <p className="muted" data-testid="edit-workspace-target">
            {workspace.name} · {workspace.host}
          </p>
          {workspace.authKind === 'oauth' ? (
            <OAuthEditForm
              key={`${workspace.id}-${editor.focus}`}
              workspace={workspace}
              focus={editor.focus}
            />
          ) : (
            <SecretEditForm
              key={`${workspace.id}-${editor.focus}`}
              workspace={workspace}
              focus={editor.focus}
            />
          )}
        </>
      )}
    </Dialog>
  );
}
