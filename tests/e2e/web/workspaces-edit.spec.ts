import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type DemoWorkspace, startDemoWorkspace } from '../../../electron/demo-workspace/server';
import { startHost } from '../../support/studio-host';
import { useDemo as chooseDemo, expect, openApp, test } from './fixtures';

/**
 * Workspaces that change under the user: a token rotated on the server and replaced in place
 * from the chat's error, a .databrickscfg whose profiles each get a result, a workspace that
 * can't be reached, and browser mode keeping its address (and so its history) across restarts.
 */

const LLAMA = 'databricks-meta-llama-3-1-70b-instruct';

let workspace: DemoWorkspace;
const cfgDir = mkdtempSync(join(tmpdir(), 'studio-edit-cfg-'));
const cfgPath = join(cfgDir, 'databrickscfg');

test.beforeAll(async () => {
  workspace = await startDemoWorkspace({ port: 0, ttftMs: 20, tokensPerSec: 1_500 });
  const host = new URL(workspace.url).host;
  writeFileSync(
    cfgPath,
    [
      '[DEFAULT]',
      `host = ${workspace.url}/`,
      `token = ${workspace.token}`,
      '[expired]',
      `host = ${workspace.url}`,
      'token = dapi-expired-long-ago',
      '[cli]',
      `host = ${workspace.url}`,
      'auth_type = databricks-cli',
      '[leaky]',
      `host = http://alice:hunter2@${host}`,
      `token = ${workspace.token}`,
      '',
    ].join('\n'),
  );
});
test.afterAll(async () => {
  await workspace.close();
  rmSync(cfgDir, { recursive: true, force: true });
});

// The host must never open a real browser: the test plays the OAuth browser step itself.
test.use({ hostEnv: { SERVING_STUDIO_NO_BROWSER: '1', DATABRICKS_CONFIG_FILE: cfgPath } });

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

/** Changes the token the workspace accepts, over its control route (the old token still authorises this call). */
async function rotateToken(next: string | null, current: string): Promise<void> {
  const response = await fetch(`${workspace.url}/__demo/config`, {
    method: 'POST',
    headers: { authorization: `Bearer ${current}`, 'content-type': 'application/json' },
    body: JSON.stringify({ token: next }),
  });
  expect(response.status).toBe(200);
}

async function connectPat(page: Page, name: string, token: string): Promise<void> {
  await page.getByRole('tab', { name: 'Personal access token' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Workspace URL').fill(workspace.url);
  await page.getByLabel('Personal access token').fill(token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

async function send(page: Page, text?: string): Promise<void> {
  if (text !== undefined) await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

const lastAnswerDone = (page: Page) =>
  expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });

const realRows = (page: Page) => page.locator('[data-testid="workspace-row"]:not([data-kind="demo"])');

test('a rotated token is replaced in place from the chat error; connecting again offers to update', async ({
  page,
  studio,
}) => {
  await openApp(page, studio);
  await page.getByRole('button', { name: 'Connect a workspace' }).click();
  await connectPat(page, 'Rotating', workspace.token);
  await expect(page.getByTestId('first-run')).toBeHidden();
  await nav(page, 'Chat');
  await page.getByLabel('Endpoint').selectOption(LLAMA);
  await send(page, 'Hello before the rotation');
  await lastAnswerDone(page);

  await rotateToken('dapi-rotated', workspace.token);
  try {
    await send(page, 'Hello after the rotation');
    const error = page.getByTestId('chat-error');
    await expect(error).toContainText(/403|rejected|Invalid access token/i);
    await error.getByRole('button', { name: 'Update token' }).click();

    const editor = page.getByTestId('edit-workspace');
    await expect(editor).toBeVisible();
    await expect(editor.getByTestId('edit-workspace-target')).toContainText(workspace.url);
    // A wrong token is refused by a real call, and the form stays.
    await editor.getByLabel('New personal access token').fill('dapi-typo');
    await editor.getByRole('button', { name: 'Check and save' }).click();
    await expect(editor.getByTestId('edit-error')).toContainText(/rejected this token/);
    await page.screenshot({ path: 'test-results/workspaces-edit-update-token.png' });
    await editor.getByLabel('New personal access token').fill('dapi-rotated');
    await editor.getByRole('button', { name: 'Check and save' }).click();
    await expect(editor).toBeHidden();

    // The message is back in the composer: sending it again works with the new token.
    await send(page);
    await lastAnswerDone(page);

    await nav(page, 'Settings');
    await expect(realRows(page)).toHaveCount(1);
    const row = realRows(page).first();
    await expect(row).toContainText('Rotating');
    await expect(row.getByTestId('workspace-health')).toHaveAttribute('data-ok', 'true');

    // Connecting the same host again offers to update it instead of adding a twin.
    await connectPat(page, 'Rotating again', 'dapi-rotated');
    const prompt = page.getByTestId('duplicate-prompt');
    await expect(prompt).toContainText(`Rotating (${workspace.url}) is already connected`);
    await prompt.getByRole('button', { name: 'Update Rotating' }).click();
    await expect(prompt).toBeHidden();
    await expect(realRows(page)).toHaveCount(1);
    const options = page.getByTestId('workspace-switcher').locator('option');
    await expect(options).toHaveText(['Demo workspace (Demo)', 'Rotating (PAT)']);

    // Removing asks which, by name and URL; the current one gives way to the demo, not Welcome.
    await row.getByRole('button', { name: 'Remove Rotating' }).click();
    const confirm = page.getByTestId('remove-workspace');
    await expect(confirm).toContainText(`Rotating (${workspace.url})`);
    await confirm.getByRole('button', { name: 'Remove Rotating' }).click();
    await expect(realRows(page)).toHaveCount(0);
    await expect(page.getByTestId('first-run')).toBeHidden();
    await expect(page.getByTestId('demo-badge')).toBeVisible();
  } finally {
    await rotateToken(null, 'dapi-rotated');
  }
});

test('import: every ticked profile gets a result, a databricks-cli one signs in from it', async ({
  page,
  studio,
}) => {
  await openApp(page, studio);
  await page.getByRole('button', { name: 'Import from ~/.databrickscfg and environment' }).click();
  const dialog = page.getByTestId('import-dialog');
  const rows = dialog.getByTestId('importable-profile');
  // Hosts as they will be saved; a user:password@ never reaches the page, and is a problem.
  await expect(rows.filter({ hasText: 'DEFAULT' })).toContainText(workspace.url);
  const leaky = rows.filter({ hasText: 'leaky' });
  await expect(leaky).toContainText('user name or password');
  await expect(leaky.getByRole('checkbox')).toBeDisabled();
  expect(await page.content()).not.toContain('hunter2');

  await expect(rows.filter({ hasText: 'DEFAULT' }).getByRole('checkbox')).toBeChecked();
  await rows.filter({ hasText: 'expired' }).getByRole('checkbox').check();
  await rows.filter({ hasText: 'cli' }).getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Import selected' }).click();

  const results = dialog.getByTestId('import-result');
  await expect(results).toHaveCount(3);
  await expect(results.nth(0)).toHaveAttribute('data-status', 'imported');
  await expect(results.nth(0)).toContainText('Connection checked');
  await expect(results.nth(1)).toHaveAttribute('data-status', 'failed');
  await expect(results.nth(1)).toContainText(/rejected this token/);
  await expect(results.nth(2)).toHaveAttribute('data-status', 'needs-sign-in');
  await page.screenshot({ path: 'test-results/workspaces-edit-import-results.png' });
  // The checked profile became current (first run is gone behind the dialog); nothing else did.
  await expect(page.getByTestId('first-run')).toBeHidden();

  // Sign in: the app's own U2M flow for that host; the test plays the browser.
  await results.nth(2).getByRole('button', { name: 'Sign in' }).click();
  const link = results.nth(2).getByTestId('oauth-url');
  const href = await link.getAttribute('href');
  const browser = await page.context().newPage();
  await browser.goto(href ?? '');
  await browser.close();
  await expect(results.nth(2)).toHaveAttribute('data-status', 'imported', { timeout: 20_000 });

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByLabel('Workspace', { exact: true }).locator('option:checked')).toHaveText(
    'DEFAULT (PAT)',
  );
  await expect(page.getByTestId('workspace-switcher').locator('option')).toHaveText([
    'Demo workspace (Demo)',
    'DEFAULT (PAT)',
    'cli (OAuth)',
  ]);
});

test('an unreachable workspace says so where the endpoints would be, and the demo is one click away', async ({
  page,
  studio,
}) => {
  const doomed = await startDemoWorkspace({ port: 0 });
  await openApp(page, studio);
  await page.getByRole('button', { name: 'Connect a workspace' }).click();
  await page.getByRole('tab', { name: 'Personal access token' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Gone');
  await page.getByLabel('Workspace URL').fill(doomed.url);
  await page.getByLabel('Personal access token').fill(doomed.token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('first-run')).toBeHidden();
  await doomed.close();
  await page.reload();
  await nav(page, 'Chat');

  const problem = page.getByTestId('workspace-problem');
  await expect(problem).toContainText(`Gone (${doomed.url}) can't be reached`);
  await expect(page.getByLabel('Endpoint').locator('option:checked')).toHaveText('Workspace unreachable');
  await expect(page.getByTestId('empty-workspace-problem')).toBeVisible();
  await expect(page.getByText('Pick an endpoint and send a message to start.')).toBeHidden();
  await problem.getByRole('button', { name: 'Check connection' }).click();
  await expect(problem).toContainText('Try:');
  await page.screenshot({ path: 'test-results/workspaces-edit-unreachable.png' });

  await problem.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByTestId('edit-workspace')).toContainText('Workspace URL');
  await page.getByTestId('edit-workspace').getByRole('button', { name: 'Close' }).click();

  await problem.getByRole('button', { name: 'Use the demo' }).click();
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByLabel('Endpoint').locator(`option[value="${LLAMA}"]`)).toHaveCount(1);
});

test('browser mode keeps its address across restarts, and with it the saved conversations', async ({
  page,
}) => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'studio-home-port-'));
  const launch = () => startHost({}, { userDataDir, homePort: true });
  try {
    const first = await launch();
    const port = new URL(first.host.url).port;
    try {
      await openApp(page, first.host);
      await chooseDemo(page);
      await first.host.configureDemo({ ttftMs: 20, tokensPerSec: 3000 });
      await page.getByLabel('Endpoint').selectOption(LLAMA);
      await send(page, 'Remember this conversation');
      await lastAnswerDone(page);
    } finally {
      await first.stop();
    }
    for (let restart = 1; restart <= 2; restart++) {
      const again = await launch();
      try {
        expect(new URL(again.host.url).port).toBe(port);
        await openApp(page, again.host);
        await expect(page.getByTestId('conversation-item').first()).toContainText(
          'Remember this conversation',
        );
      } finally {
        await again.stop();
      }
    }
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
