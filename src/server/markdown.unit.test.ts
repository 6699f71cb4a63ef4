import { describe, expect, it } from 'vitest';
import { MEMO_MAX_CHARS, markdownMemo, markdownToText, renderMarkdown } from './markdown';

describe('renderMarkdown sanitises operator markdown', () => {
  it.each<[string, string, RegExp[], RegExp[]]>([
    ['a script tag and its content vanish', 'Before\n\n<script>window.__pwned = 1</script>\n\nAfter', [/Before/, /After/], [/script/i, /__pwned/]],
    ['inline event handlers are dropped', '<img src=x onerror="alert(1)">ok', [/ok/], [/onerror/, /<img/]],
    ['javascript: links lose their href', '[click](javascript:alert(1))', [/click/], [/javascript:/]],
    ['style blocks vanish', '<style>body{display:none}</style>text', [/text/], [/display:none/, /<style/]],
    ['iframes vanish', '<iframe src="https://evil.example"></iframe>x', [/x/], [/iframe/]],
    ['code keeps markup as visible text', '`<script>`', [/<code>&lt;script&gt;<\/code>/], [/<script>/]],
    ['markdown formatting survives, headings demoted under the page\'s sections', '## Root cause\nA *bad* **push**\n\n### Detail', [/<h3>Root cause<\/h3>/, /<h4>Detail<\/h4>/, /<em>bad<\/em>/, /<strong>push<\/strong>/], [/<h2/]],
    ['code blocks are keyboard-reachable labelled regions', '```\nlong line\n```', [/<pre tabindex="0" role="region" aria-label="Code"><code>/], []],
    ['operator attributes on pre are not kept', '<pre onclick="x()" tabindex="-1">a</pre>', [/<pre tabindex="0" role="region" aria-label="Code">a<\/pre>/], [/onclick/, /tabindex="-1"/]],
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

describe('renderMarkdown memo', () => {
  it('answers a repeated text with the same HTML, and stays within its character budget however many texts pass', () => {
    const first = renderMarkdown('**first** <script>x()</script>');
    const body = 'word '.repeat(4000);
    for (let i = 0; i < 400; i++) renderMarkdown(`${i} ${body}`); // ~16 M characters of input in all
    expect(markdownMemo.chars()).toBeLessThanOrEqual(MEMO_MAX_CHARS);
    expect(markdownMemo.entries()).toBeGreaterThan(10);
    // The first text was evicted long ago; rendered again, it is sanitised exactly as before.
    expect(renderMarkdown('**first** <script>x()</script>')).toBe(first);
    expect(first.trim()).toBe('<p><strong>first</strong> </p>');
  });

  it('never caches a text larger than an eighth of the budget', () => {
    const before = markdownMemo.entries();
    const huge = 'y'.repeat(MEMO_MAX_CHARS / 4);
    expect(renderMarkdown(huge).trim()).toBe(`<p>${huge}</p>`);
    expect(markdownMemo.entries()).toBeLessThanOrEqual(before);
  });
});
