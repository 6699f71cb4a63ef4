import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html-escape';

describe('escapeHtml', () => {
  it.each<[string, string]>([
    ['', ''],
    ['plain text', 'plain text'],
    [`<>&"'`, '&lt;&gt;&amp;&quot;&#39;'], // every HTML-special character
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['" onmouseover="x', '&quot; onmouseover=&quot;x'],
    ['&amp;', '&amp;amp;'], // already-escaped text is escaped again, never trusted
    ['Ünïcödé — ok', 'Ünïcödé — ok'],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});
