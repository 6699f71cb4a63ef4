import { describe, expect, it } from 'vitest';
import { demoteHeadings } from './markdown-headings';

describe('demoteHeadings: the text\'s highest heading becomes h3, the rest keep their order', () => {
  it.each([
    ['<h2>Summary</h2><p>x</p><h3>Impact</h3>', '<h3>Summary</h3><p>x</p><h4>Impact</h4>'],
    ['<h1 id="a">A</h1><h2>B</h2><h6>F</h6>', '<h3 id="a">A</h3><h4>B</h4><h6>F</h6>'],
    ['<h3>Already</h3><h4>fine</h4>', '<h3>Already</h3><h4>fine</h4>'],
    ['<h5>deep</h5>', '<h5>deep</h5>'],
    ['<p>no headings, <hr> nor <header></p>', '<p>no headings, <hr> nor <header></p>'],
    ['<h2>a</h2><pre><code>&lt;h1&gt;</code></pre>', '<h3>a</h3><pre><code>&lt;h1&gt;</code></pre>'],
  ])('%s → %s', (html, want) => expect(demoteHeadings(html)).toBe(want));
});
