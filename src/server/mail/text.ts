/** Plain-text parts from HTML (html-to-text): paragraphs, headings, lists, tables and code each keep their own lines. */
import { convert, type HtmlToTextOptions } from 'html-to-text';
import { renderMarkdown } from '../markdown';

const OPTIONS: HtmlToTextOptions = {
  wordwrap: 78,
  selectors: [
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false, maxColumnWidth: 40 } },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: false } },
    { selector: 'hr', options: { length: 2 } },
  ],
};

/** The text a mail reader shows for this HTML. */
export function htmlToText(html: string): string {
  return convert(html, OPTIONS);
}

/** Operator markdown as structured plain text (e-mail, calendar descriptions), through the one sanitising renderer. */
export function markdownToPlainText(md: string): string {
  return htmlToText(renderMarkdown(md));
}
