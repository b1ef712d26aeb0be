import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type DemoWorkspace, startDemoWorkspace } from '../../../electron/demo-workspace/server';
import { expect, openApp, test } from './fixtures';

/**
 * Every way to connect, for real against a separate demo workspace: OAuth (the browser step
 * driven by the test), .databrickscfg import, an OpenAI-compatible server, and health.
 */

const LLAMA = 'databricks-meta-llama-3-1-70b-instruct';

let workspace: DemoWorkspace;
const cfgDir = mkdtempSync(join(tmpdir(), 'studio-cfg-'));
const cfgPath = join(cfgDir, 'databrickscfg');

test.beforeAll(async () => {
  workspace = await startDemoWorkspace({ port: 0, ttftMs: 20, tokensPerSec: 1_500 });
  writeFileSync(
    cfgPath,
    [
      '; a fixture like the Databricks CLI writes',
      '[DEFAULT]',
      `host = ${workspace.url}`,
      `token = ${workspace.token}`,
      '',
      '[staging]',
      `host = ${workspace.url}`,
      'client_id = demo-sp',
      'client_secret = demo-sp-secret',
      '',
    ].join('\n'),
  );
});
test.afterAll(async () => {
  await workspace.close();
  rmSync(cfgDir, { recursive: true, force: true });
});
test.beforeEach(() => workspace.configure({ oauthDeny: false }));

// The host process must never open a real browser: the test drives the browser step.
test.use({ hostEnv: { SERVING_STUDIO_NO_BROWSER: '1', DATABRICKS_CONFIG_FILE: cfgPath } });

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

/** First run → "Connect a workspace" → the chosen method's tab. */
async function openConnect(page: Page, method: string) {
  await page.getByRole('button', { name: 'Connect a workspace' }).click();
  await page.getByRole('tab', { name: method }).click();
}

async function chatOnce(page: Page, endpoint: string, text: string) {
  await nav(page, 'Chat');
  await page.getByLabel('Endpoint').selectOption(endpoint);
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
}

/** Starts an OAuth sign-in and returns the authorization URL the app offers as a link. */
async function startOAuth(page: Page, name: string): Promise<string> {
  await openConnect(page, 'Sign in with OAuth');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Workspace URL').fill(workspace.url);
  await page.getByRole('button', { name: 'Sign in with browser' }).click();
  await expect(page.getByText('Waiting for your browser…')).toBeVisible();
  const link = page.getByTestId('oauth-url');
  await expect(link).toHaveAttribute('target', '_blank');
  const href = await link.getAttribute('href');
  expect(href).toBeTruthy();
  return href as string;
}

test('OAuth: sign in, list endpoints, chat, survive an expired token, sign out', async ({ page, studio }) => {
  await openApp(page, studio);
  const href = await startOAuth(page, 'OAuth workspace');
  await page.screenshot({ path: 'test-results/workspaces-oauth-waiting.png' });
  // The "browser": the demo auto-approves and redirects to the app's loopback listener.
  const browser = await page.context().newPage();
  await browser.goto(href);
  await browser.close();
  await expect(page.getByTestId('first-run')).toBeHidden({ timeout: 20_000 });
  await expect(page.getByTestId('workspace-switcher')).toContainText('OAuth workspace (OAuth)');

  await nav(page, 'Endpoints');
  await expect(page.getByTestId('endpoint-row').first()).toBeVisible();
  await chatOnce(page, LLAMA, 'Hello over OAuth!');

  // Every access token issued so far expires: the next call gets 401, refreshes, retries.
  workspace.configure({ oauthExpireAccessTokens: true });
  await page.getByLabel('Message').fill('Still there?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });

  await nav(page, 'Settings');
  const row = page.getByTestId('workspace-row').filter({ hasText: 'OAuth workspace' });
  await expect(row.getByTestId('workspace-kind')).toHaveText('OAuth');
  await row.getByRole('button', { name: 'Check connection' }).click();
  await expect(row.getByTestId('workspace-health')).toHaveAttribute('data-ok', 'true');
  await page.screenshot({ path: 'test-results/workspaces-settings.png', fullPage: true });
  await row.getByRole('button', { name: 'Sign out' }).click();
  await expect(row).toHaveAttribute('data-has-secret', 'false');
  await expect(row.getByText('Signed out')).toBeVisible();

  await nav(page, 'Chat');
  await page.getByLabel('Message').fill('After sign-out');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('chat-error')).toContainText(/sign in/i);
});

test('OAuth: a denied consent shows its message', async ({ page, studio }) => {
  workspace.configure({ oauthDeny: true });
  await openApp(page, studio);
  const href = await startOAuth(page, 'Denied');
  const browser = await page.context().newPage();
  await browser.goto(href);
  await browser.close();
  const error = page.getByTestId('connect-error');
  await expect(error).toBeVisible({ timeout: 20_000 });
  await expect(error).toContainText(/denied|consent/i);
  await expect(page.getByTestId('oauth-url')).toBeHidden();
  await page.screenshot({ path: 'test-results/workspaces-oauth-denied.png' });
});

test('OAuth: Cancel gives up on the sign-in without an error', async ({ page, studio }) => {
  await openApp(page, studio);
  await startOAuth(page, 'Abandoned');
  await page.getByTestId('oauth-waiting').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('oauth-waiting')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Sign in with browser' })).toBeEnabled({ timeout: 20_000 });
  await expect(page.getByTestId('connect-error')).toBeHidden();
  await expect(page.getByTestId('first-run')).toBeVisible();
});

test('import from a .databrickscfg fixture', async ({ page, studio }) => {
  await openApp(page, studio);
  await page.getByRole('button', { name: 'Import from ~/.databrickscfg and environment' }).click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toContainText(cfgPath);
  const rows = dialog.getByTestId('importable-profile');
  await expect(rows.filter({ hasText: 'DEFAULT' })).toBeVisible();
  await expect(rows.filter({ hasText: 'staging' })).toContainText('Service principal');
  await expect(rows.filter({ hasText: 'DEFAULT' })).toContainText('Default');
  await page.screenshot({ path: 'test-results/workspaces-import.png' });
  const defaultBox = rows.filter({ hasText: 'DEFAULT' }).getByRole('checkbox');
  await expect(defaultBox).toBeChecked();
  await dialog.getByRole('button', { name: 'Import selected' }).click();
  await expect(dialog.getByTestId('import-result')).toHaveAttribute('data-status', 'imported');
  await expect(page.getByTestId('first-run')).toBeHidden();
  // The results stay in view (a modal over the workbench) until closed.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await nav(page, 'Endpoints');
  await expect(page.getByTestId('endpoint-row').first()).toBeVisible();
});

/** First run → connect the demo's OpenAI-compatible routes (`{url}/serving-endpoints`) with its token as the key. */
async function connectOpenAi(page: Page) {
  await openConnect(page, 'OpenAI-compatible server');
  await expect(page.getByLabel('Base URL')).toHaveAttribute('placeholder', 'http://localhost:8000/v1');
  await page.getByLabel('Name', { exact: true }).fill('Local server');
  await page.getByLabel('Base URL').fill(`${workspace.url}/serving-endpoints`);
  await page.getByLabel('API key (optional)').fill(workspace.token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('first-run')).toBeHidden();
  await expect(page.getByLabel('API key (optional)')).toBeHidden();
}

test('an OpenAI-compatible server: models listed', async ({ page, studio }) => {
  await openApp(page, studio);
  await connectOpenAi(page);
  await expect(page.getByTestId('workspace-switcher')).toContainText('Local server (OpenAI-compatible)');
  await nav(page, 'Endpoints');
  await expect(page.getByTestId('endpoint-row').filter({ hasText: LLAMA })).toBeVisible();
  await page.screenshot({ path: 'test-results/workspaces-openai-endpoints.png' });
});

// A /v1/models list says nothing about tasks: its models are 'other', which the chat and
// completion panes both offer (shared/tasks.ts).
test('an OpenAI-compatible server: a chat streams to done', async ({ page, studio }) => {
  await openApp(page, studio);
  await connectOpenAi(page);
  await chatOnce(page, LLAMA, 'Hello, OpenAI-compatible server!');
  await page.screenshot({ path: 'test-results/workspaces-openai-chat.png' });
});

test('a workspace that cannot be reached shows failing health with a fix', async ({ page, studio }) => {
  await openApp(page, studio);
  // Connect the real one first (so the app has a current workspace), then switch in the header.
  await openConnect(page, 'Personal access token');
  await page.getByLabel('Name', { exact: true }).fill('Reachable');
  await page.getByLabel('Workspace URL').fill(workspace.url);
  await page.getByLabel('Personal access token').fill(workspace.token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('first-run')).toBeHidden();

  // A workspace whose server goes away: connect a second demo, then stop it.
  const doomed = await startDemoWorkspace({ port: 0 });
  await nav(page, 'Settings');
  await page.getByRole('tab', { name: 'Personal access token' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Gone');
  await page.getByLabel('Workspace URL').fill(doomed.url);
  await page.getByLabel('Personal access token').fill(doomed.token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const row = page.getByTestId('workspace-row').filter({ hasText: 'Gone' });
  await expect(row).toBeVisible();
  await doomed.close();

  await row.getByRole('button', { name: 'Check connection' }).click();
  const health = row.getByTestId('workspace-health');
  await expect(health).toHaveAttribute('data-ok', 'false');
  await expect(health).toContainText('Try:');
  await page.screenshot({ path: 'test-results/workspaces-health.png', fullPage: true });

  // The header switcher lists both, with their kinds, and switching is remembered.
  const switcher = page.getByLabel('Workspace', { exact: true });
  await expect(switcher).toContainText('Reachable (PAT)');
  await switcher.selectOption({ label: 'Reachable (PAT)' });
  // The pickers follow the switch: the reachable workspace's endpoints replace the failing one's.
  await nav(page, 'Chat');
  await expect(page.getByLabel('Endpoint')).toBeEnabled();
  await expect(page.getByLabel('Endpoint').locator(`option[value="${LLAMA}"]`)).toHaveCount(1);
  await nav(page, 'Compare');
  await expect(page.getByRole('main').locator(`option[value="${LLAMA}"]`).first()).toBeAttached();
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(page.getByLabel('Workspace', { exact: true }).locator('option:checked')).toHaveText(
    'Reachable (PAT)',
  );
});
