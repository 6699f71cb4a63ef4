/** What a mirror export makes of one rendered URL: a file, a page that no longer exists, or a failure. */
export type RenderOutcome = 'page' | 'gone' | 'failed';

/**
 * A server error, or a refusal that says "try again" (429, 408), is a failure: the previous file stays. Any other answer
 * (404, a redirect, 401/403 of a page made private) means the mirror must no longer hold the URL.
 */
export function renderOutcome(status: number): RenderOutcome {
  if (status === 200) return 'page';
  if (status >= 500 || status === 429 || status === 408 || status < 100) return 'failed';
  return 'gone';
}

/** One sentence naming the URLs that failed (the first few), for /healthz, the admin and the CLI. */
export function failedRenderMessage(urls: readonly string[]): string {
  const shown = urls.slice(0, 5).join(', ');
  const more = urls.length > 5 ? ` and ${urls.length - 5} more` : '';
  return `${urls.length} page${urls.length === 1 ? '' : 's'} failed to render (${shown}${more}); the mirror keeps their previous files`;
}
