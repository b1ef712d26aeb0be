/**
 * Saves `text` as a file the browser downloads: a Blob behind a temporary `<a download>`.
 * Works the same in Electron and browser mode, with no Node API and no bridge call.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: revoking right after click() can cancel a download that has
  // not read the Blob yet (seen in Chromium).
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** A date for file names: 2025-01-31. */
export const fileDate = (at = Date.now()) => new Date(at).toISOString().slice(0, 10);
