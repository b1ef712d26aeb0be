import { expect, openApp, test } from './fixtures';

/*
 * Without an OS keychain (no D-Bus session bus for the host), the forms whose secret would go
 * there say so before anything is typed, and the keyless routes stay open.
 */

test.use({ hostEnv: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/serving-studio-test-bus' } });

test('secret forms say they need the keychain before anything is typed', async ({ page, studio }) => {
  await openApp(page, studio);
  await page.getByRole('button', { name: 'Connect a workspace' }).click();
  await expect(page.getByTestId('keychain-unavailable')).toBeVisible();

  // Personal access token (the default tab): the token field and Connect are off, with the reason.
  const form = page.getByTestId('connect-form');
  await expect(form.getByLabel('Personal access token')).toBeDisabled();
  await expect(form.getByRole('button', { name: 'Connect' })).toBeDisabled();
  await expect(form.getByTestId('form-blocked')).toHaveText(/Needs the OS keychain/);

  await page.getByRole('tab', { name: 'Service principal' }).click();
  await expect(page.getByTestId('sp-form').getByLabel('Client secret')).toBeDisabled();
  await expect(page.getByTestId('sp-form').getByRole('button', { name: 'Connect' })).toBeDisabled();

  await page.getByRole('tab', { name: 'Sign in with OAuth' }).click();
  await expect(
    page.getByTestId('oauth-form').getByRole('button', { name: 'Sign in with browser' }),
  ).toBeDisabled();

  // An OpenAI-compatible server without a key needs no keychain: that route stays open.
  await page.getByRole('tab', { name: 'OpenAI-compatible server' }).click();
  const openai = page.getByTestId('openai-form');
  await expect(openai.getByLabel('API key (optional)')).toBeDisabled();
  await expect(openai.getByRole('button', { name: 'Connect' })).toBeEnabled();
  await expect(openai).toContainText('only a server that needs no API key can be added');
});
