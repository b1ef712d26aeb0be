import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, test, useDemo } from './fixtures';

/*
 * Every view, with content on screen (an answer, a completion, embeddings results, a
 * comparison), in both themes and at both window sizes: no serious or critical axe-core
 * violation (WCAG 2.1 A and AA rules, colour contrast included).
 */

const VIEWS = ['Chat', 'Completion', 'Embeddings', 'Compare', 'Evaluate', 'Endpoints', 'Settings'] as const;
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;

const open = (page: Page, view: string) =>
  page.getByRole('navigation').getByRole('button', { name: view, exact: true }).click();

/** Puts something on screen in `view` (an answer, a completion, results, a comparison). */
async function fill(page: Page, view: (typeof VIEWS)[number]): Promise<void> {
  if (view === 'Chat') {
    await page.getByLabel('Message').fill('Explain how vector databases work.');
    await page.getByLabel('Message').press('Enter');
    await expect(page.getByTestId('message-metrics')).toBeVisible({ timeout: 60_000 });
  } else if (view === 'Completion') {
    await page.getByLabel('Prompt', { exact: true }).fill('The three laws of thermodynamics are');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('completion-output')).toHaveAttribute('data-status', 'done', {
      timeout: 60_000,
    });
  } else if (view === 'Embeddings') {
    await page
      .getByLabel('Texts')
      .fill('A cat sat on the mat.\nA kitten rested on the rug.\nStocks fell sharply today.');
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    await expect(page.getByTestId('heatmap').first()).toBeVisible({ timeout: 60_000 });
  } else if (view === 'Compare') {
    await page.getByLabel('Message', { exact: true }).fill('Name three uses of embeddings.');
    await page.getByRole('button', { name: 'Send to all' }).click();
    await expect(page.getByRole('button', { name: 'Send to all' })).toBeVisible({ timeout: 60_000 });
  } else if (view === 'Evaluate') {
    await page.getByLabel('Import a dataset (CSV or JSONL)').setInputFiles({
      name: 'q.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('q,expected\nTwo plus two?,4\nCapital of France?,Paris\n'),
    });
    await page.getByLabel('User', { exact: true }).fill('{{q}}');
    await page.getByLabel('Scorer kind').selectOption('exact');
    await page.getByRole('button', { name: 'Add scorer' }).click();
    await page.getByRole('button', { name: 'Run here' }).click();
    await expect(page.getByText('Finished')).toBeVisible({ timeout: 60_000 });
  }
}

for (const view of VIEWS)
  test(`${view}: no serious or critical accessibility violation, light and dark, 1024 and 1440 wide`, async ({
    page,
    studio,
  }) => {
    test.setTimeout(180_000);
    await openApp(page, studio);
    await useDemo(page);
    await studio.configureDemo({ ttftMs: 0 });
    await open(page, view);
    await fill(page, view);
    const found: string[] = [];
    for (const size of SIZES)
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        const result = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        for (const violation of result.violations)
          if (violation.impact === 'serious' || violation.impact === 'critical')
            for (const node of violation.nodes)
              found.push(
                `${size.width}×${size.height} ${scheme}: ${violation.id} at ${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1]?.trim() ?? violation.help}`,
              );
      }
    expect(found, found.join('\n')).toEqual([]);
  });
