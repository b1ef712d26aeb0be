import { type DemoWorkspace, startDemoWorkspace } from '../../../electron/demo-workspace/server';
import { expect, openApp, test, useDemo } from './fixtures';

/** Failures are specific, say what to do, and lose nothing the user typed. */

test('a rate-limited request says which limit and keeps the draft', async ({ page, studio }) => {
  const endpoint = 'databricks-meta-llama-3-1-70b-instruct';
  await openApp(page, studio);
  await useDemo(page);
  await studio.configureDemo({ ttftMs: 20, tokensPerSec: 2_000 });
  await page.getByLabel('Endpoint').selectOption(endpoint);
  // Trip the limit only now, so the first-run calls above are unaffected.
  await studio.configureDemo(RATE_LIMIT_PATCH(endpoint));

  const draft = 'Summarise the history of the printing press.';
  await page.getByLabel('Message').fill(draft);
  await page.getByRole('button', { name: 'Send' }).click();
  const error = page.getByTestId('chat-error');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toContainText(/queries per second|QPS/i);
  await expect(page.getByLabel('Message')).toHaveValue(draft);
});

/** A workspace of its own that the connect form can reach (the embedded demo starts only when chosen). */
let workspace: DemoWorkspace;
test.beforeAll(async () => {
  workspace = await startDemoWorkspace({ port: 0, token: 'the-right-token' });
});
test.afterAll(async () => {
  await workspace.close();
});

test('the connect form rejects a bad token with a clear message', async ({ page, studio }) => {
  await openApp(page, studio);
  await page.getByRole('button', { name: 'Connect a workspace' }).click();
  await page.getByLabel('Name').fill('Staging');
  await page.getByLabel('Workspace URL').fill(workspace.url);
  await page.getByLabel('Personal access token').fill('not-a-real-token');
  await page.getByRole('button', { name: 'Connect' }).click();
  const error = page.getByTestId('connect-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText(/token/i);
  await expect(error).toContainText(/reject|invalid|expired/i);
  // Everything typed is kept — the token too — so the user fixes only what was wrong.
  await expect(page.getByLabel('Name')).toHaveValue('Staging');
  await expect(page.getByLabel('Workspace URL')).toHaveValue(workspace.url);
  await expect(page.getByLabel('Personal access token')).toHaveValue('not-a-real-token');
  // A malformed URL next: the app's own check answers (not the browser's bubble), and the
  // message on screen is this attempt's, not the last one's.
  await page.getByLabel('Workspace URL').fill('not a url');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(error).toContainText(/URL|host/i);
  await expect(error).not.toContainText(/reject|invalid|expired/i);
});

test('the connect form explains a malformed workspace URL', async ({ page, studio }) => {
  await openApp(page, studio);
  await page.getByRole('button', { name: 'Connect a workspace' }).click();
  await page.getByLabel('Name').fill('Broken');
  await page.getByLabel('Workspace URL').fill('ftp://my workspace');
  await page.getByLabel('Personal access token').fill('whatever');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('connect-error')).toContainText(/URL|host/i);
});

/** The demo workspace's control patch that makes the endpoint refuse on its QPS limit. */
function RATE_LIMIT_PATCH(endpoint: string): unknown {
  return { rateLimits: { [endpoint]: { queriesPerSecond: 0 } } };
}
