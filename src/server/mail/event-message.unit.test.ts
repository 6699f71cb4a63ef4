import { describe, expect, it } from 'vitest';
import { eventMessageFor } from './event-message';
import { DEFAULT_BUTTON_COLOR, loadShell } from './template';

const content = {
  pageName: 'Acme <Status>',
  logoUrl: null,
  heading: 'API down',
  status: 'Investigating',
  meta: ['Impact: Major', 'Posted Dec 7, 2026, 14:30 UTC'],
  components: [{ name: 'API & <Gateway>', status: 'Major outage' }],
  // operator text naming the shell's slot markers: it stays text
  markdown: 'We are **looking**. zzslotfooterzz zzslotbodyzz',
  url: 'https://status.example.com/incidents/5',
  buttonLabel: 'View incident',
};

describe('eventMessageFor', () => {
  it('renders once, then each subscriber gets its own links, escaped in the HTML and as written in the text', async () => {
    const shell = await loadShell({ color: DEFAULT_BUTTON_COLOR, hasLogo: false });
    const compose = eventMessageFor(shell, content);
    const a = compose({ manage: 'https://s.example/m?token=a&x=1', unsubscribe: 'https://s.example/u?token=a' });
    const b = compose({ manage: 'https://s.example/m?token=b', unsubscribe: 'https://s.example/u?token=b' });
    expect(a.subject).toBe('[Acme <Status>] API down — Investigating');
    expect(a.html).toContain('href="https://s.example/m?token=a&amp;x=1"');
    expect(a.text).toContain('Manage your subscription: https://s.example/m?token=a&x=1');
    expect(b.html).toContain('href="https://s.example/u?token=b"');
    expect(a.html).not.toContain('token=b');
    expect(a.html).toContain('Acme &lt;Status&gt;');
    expect(a.html).toContain('<bdi>API &amp; &lt;Gateway&gt;</bdi>');
    expect(a.html).toContain('zzslotfooterzz zzslotbodyzz');
    expect(a.html).toContain(`background:${DEFAULT_BUTTON_COLOR}`);
    expect(a.text).toMatch(/^API & <Gateway> +Major outage$/m);
  });

  it('carries the brand colour and the logo', async () => {
    const shell = await loadShell({ color: '#8250df', hasLogo: true });
    const m = eventMessageFor(shell, { ...content, logoUrl: 'https://status.example.com/brand/logo-light?v=1' })({ manage: 'm', unsubscribe: 'u' });
    expect(m.html).toContain('border-top:4px solid #8250df');
    expect(m.html).toMatch(/<img[^>]+src="https:\/\/status\.example\.com\/brand\/logo-light\?v=1"/);
  });
});
