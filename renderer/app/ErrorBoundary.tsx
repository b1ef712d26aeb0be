import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** What failed, for the message ("the chat", "the app"). */
  area?: string;
}

interface State {
  error: Error | null;
}

/**
 * Catches render errors so the user sees what happened and a way out, never a blank page.
 * The message is the error's own (renderer errors carry no secrets: tokens never reach it).
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Render error', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert" data-testid="crash">
        <h1>Something went wrong in {this.props.area ?? 'Serving Studio'}</h1>
        <p>{error.message || 'An unexpected error happened while drawing this screen.'}</p>
        <p className="muted">Your workspaces and settings are safe. Reloading usually fixes this.</p>
        <div className="row">
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            Reload
          </button>
          <button type="button" className="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      </div>
    );
  }
}
