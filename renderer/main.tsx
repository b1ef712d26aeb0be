// First: connects the bridge and asks for the workspaces before the rest of the app's code runs.
import './core/bridge/early';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { startWorkspaceLoad } from './core/boot';
import './styles/app.css';

// Ask the bridge for the workspaces now, so the answer is back by the time the first render
// needs it (App asks again only if this hasn't started).
void startWorkspaceLoad();

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');

createRoot(container).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
