import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown';

describe('renderMarkdown sanitises operator markdown', () => {
  it.each<[string, string, RegExp[], RegExp[]]>([
    ['a script tag and its content vanish', 'Before\n\n<script>window.__pwned = 1</script>\n\nAfter', [/Before/, /After/], [/script/i, /__pwned/]],
    ['inline event handlers are dropped', '<img src=x onerror="alert(1)">ok', [/ok/], [/onerror/, /<img/]],
    ['javascript: links lose their href', '[click](javascript:alert(1))', [/click/], [/javascript:/]],
    ['style blocks vanish', '<style>body{display:none}</style>text', [/text/], [/display:none/, /<style/]],
    ['iframes vanish', '<iframe src="https://evil.example"></iframe>x', [/x/], [/iframe/]],
    ['code keeps markup as visible text', '`<script>`', [/<code>&lt;script&gt;<\/code>/], [/<script>/]],
    ['markdown formatting survives', '## Root cause\nA *bad* **push**', [/<h2>Root cause<\/h2>/, /<em>bad<\/em>/, /<strong>push<\/strong>/], []],
    ['links get rel=nofollow', '[docs](https://example.com)', [/href="https:\/\/example.com"/, /rel="nofollow noopener noreferrer"/], []],
  ])('%s', (_name, md, present, absent) => {
    const html = renderMarkdown(md);
    for (const re of present) expect(html).toMatch(re);
    for (const re of absent) expect(html).not.toMatch(re);
  });

  it('plain text drops all markup', () => {
    expect(markdownToText('**Hi** <script>x()</script> there')).toBe('Hi there');
  });
});
