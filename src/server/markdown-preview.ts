/** The admin's live preview: bounded like the fields it previews, and rationed per operator so it cannot stall the server. */
import { ClearingMemo } from '../domain/clearing-memo';
import { escapeHtml } from '../domain/html-escape';
import { formatWait } from '../domain/login-backoff';
import { markdownProblem } from '../domain/markdown-bounds';
import { takeTokens, type Bucket } from '../domain/token-bucket';
import { renderMarkdown } from './markdown';

/** The longest markdown field there is to preview (a post-mortem). */
const PREVIEW_MAX_CHARS = 200_000;
/** Characters each operator may have rendered: a burst of five full post-mortems, then 100,000 a second. */
const PREVIEW_RULE = { capacity: 1_000_000, perSecond: 100_000 };
/** Even a short text costs this much, so a flood of tiny previews is rationed too. */
const MIN_COST = 2_000;

const buckets = new ClearingMemo<string, Bucket>(10_000);

export interface PreviewAnswer {
  status: 200 | 422 | 429;
  html: string;
  retryAfterSeconds?: number;
}

const refusal = (status: 422 | 429, message: string): PreviewAnswer => ({ status, html: `<p class="field-error" role="alert">${escapeHtml(message)}</p>` });

/** The preview of `md` for the operator `who`, or why there is none (too long, too deeply nested, too many previews). */
export function previewMarkdown(who: string, md: string, now: number): PreviewAnswer {
  if (md.length > PREVIEW_MAX_CHARS) return refusal(422, `The preview shows at most ${PREVIEW_MAX_CHARS.toLocaleString('en-US')} characters; this text has ${md.length.toLocaleString('en-US')}.`);
  const problem = markdownProblem(md);
  if (problem) return refusal(422, problem);
  const take = takeTokens(buckets.get(who), Math.max(md.length, MIN_COST), now, PREVIEW_RULE);
  buckets.set(who, take.bucket);
  if (!take.ok) return { ...refusal(429, `Preview paused: too much text rendered in a short time. It resumes in ${formatWait(take.retryAfterMs)}.`), retryAfterSeconds: Math.ceil(take.retryAfterMs / 1000) };
  return { status: 200, html: renderMarkdown(md) };
}
