/**
 * The HTML shell of event e-mail, written in MJML (responsive tables every mail client lays out, phones included)
 * and compiled once per brand colour and logo: a message only fills the shell's slots, so a fan-out never runs MJML.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type mjml2html from 'mjml';
import { escapeHtml } from '../../domain/html-escape';

const SLOTS = ['page', 'logo', 'heading', 'meta', 'components', 'body', 'buttonUrl', 'buttonLabel', 'footer'] as const;
export type Slot = (typeof SLOTS)[number];

/** The compiled shell cut at its slots: texts[0], slots[0], texts[1], slots[1]… texts[n]. */
export interface Shell {
  texts: string[];
  slots: Slot[];
}

export interface Brand {
  color: string;
  hasLogo: boolean;
}

/** GitHub's link blue: the button colour when the page has no brand colour. */
export const DEFAULT_BUTTON_COLOR = '#0969da';

// Slot markers: letters only, so MJML passes them through untouched wherever they sit (text or attribute).
const marker = (s: Slot) => `zzslot${s}zz`;

// Wrapping rules for whatever the operator wrote: long URLs, code and wide tables break instead of widening the mail.
const CONTENT_CSS = `
.content, .content * { overflow-wrap: anywhere; word-break: break-word; }
.content pre { white-space: pre-wrap; }
.content table { width: 100%; table-layout: fixed; border-collapse: collapse; }
.content img { max-width: 100%; height: auto; }
`;

function mjmlSource(b: Brand): string {
  const logo = b.hasLogo ? `<mj-image src="${marker('logo')}" alt="" width="120px" align="left" padding="0 0 8px 0" />` : '';
  return `<mjml lang="en">
  <mj-head>
    <mj-title>${marker('heading')}</mj-title>
    <mj-attributes>
      <mj-all font-family="-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="1.5" color="#1f2328" padding="4px 16px" />
    </mj-attributes>
    <mj-style>${CONTENT_CSS}</mj-style>
  </mj-head>
  <mj-body background-color="#f6f8fa" width="600px">
    <mj-section padding="16px 0 0 0"><mj-column padding="0 16px">
      ${logo}
      <mj-text font-size="14px" color="#59636e" padding="0">${marker('page')}</mj-text>
    </mj-column></mj-section>
    <mj-section background-color="#ffffff" border-top="4px solid ${b.color}" padding="12px 0">
      <mj-column>
        <mj-text font-size="20px" font-weight="600" line-height="1.3">${marker('heading')}</mj-text>
        <mj-text color="#59636e" font-size="14px">${marker('meta')}</mj-text>
        <mj-text css-class="content">${marker('components')}</mj-text>
        <mj-text css-class="content">${marker('body')}</mj-text>
        <mj-button href="${marker('buttonUrl')}" background-color="${b.color}" color="#ffffff" font-size="15px" font-weight="600" border-radius="6px" align="left" padding="12px 16px">${marker('buttonLabel')}</mj-button>
      </mj-column>
    </mj-section>
    <mj-section padding="8px 0 16px 0"><mj-column>
      <mj-text css-class="content" font-size="13px" color="#59636e">${marker('footer')}</mj-text>
    </mj-column></mj-section>
  </mj-body>
</mjml>`;
}

const compiled = new Map<string, Promise<Shell>>();
const ready = new Map<string, Shell>();
const keyOf = (b: Brand) => `${b.color}|${b.hasLogo}`;

/** Compiles the shell for this brand, once. */
export function loadShell(b: Brand): Promise<Shell> {
  const key = keyOf(b);
  let p = compiled.get(key);
  if (!p) {
    p = compileOffThread(mjmlSource(b)).then((html) => {
      const shell = cutAtSlots(html);
      ready.set(key, shell);
      return shell;
    });
    p.catch(() => compiled.delete(key));
    compiled.set(key, p);
  }
  return p;
}

/** The shell for this brand if it is compiled already. */
export function shellFor(b: Brand): Shell | null {
  return ready.get(keyOf(b)) ?? null;
}

// Loading MJML takes half a second of CPU (seconds on a busy machine): a worker thread does it, the server keeps serving.
const WORKER = `const { parentPort, workerData } = require('node:worker_threads');
require(workerData.mjml)(workerData.source, { validationLevel: 'strict' }).then((r) => parentPort.postMessage({ html: r.html }), (e) => parentPort.postMessage({ error: String(e) }));`;

function compileOffThread(source: string): Promise<string> {
  const mjml = createRequire(import.meta.url).resolve('mjml');
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { mjml, source } });
    w.once('message', (m: Partial<Pick<Awaited<ReturnType<typeof mjml2html>>, 'html'>> & { error?: string }) => (m.html !== undefined ? resolve(m.html) : reject(new Error(`MJML: ${m.error}`))));
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`MJML worker exited with ${code}`)));
  });
}

function cutAtSlots(html: string): Shell {
  const re = new RegExp(SLOTS.map(marker).join('|'), 'g');
  const shell: Shell = { texts: [], slots: [] };
  let last = 0;
  for (const m of html.matchAll(re)) {
    shell.texts.push(html.slice(last, m.index));
    shell.slots.push(SLOTS.find((s) => marker(s) === m[0])!);
    last = m.index + m[0].length;
  }
  shell.texts.push(html.slice(last));
  return shell;
}

/** The shell with its slots filled; every value is HTML (plain text escaped with textSlot). */
export function fillShell(shell: Shell, values: Record<Slot, string>): string {
  return shell.texts.reduce((out, text, i) => out + text + (i < shell.slots.length ? values[shell.slots[i]] : ''), '');
}

/** Plain text as slot HTML. */
export const textSlot = (s: string) => escapeHtml(s);
