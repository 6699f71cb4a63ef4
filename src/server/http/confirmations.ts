/** Every confirmation an admin page shows after a successful form, in one table: `?ok=<key>` names the action done. */

/** What a page shows: the sentence, and for public records a link to where the public sees them. */
export interface Confirmation {
  text: string;
  /** The public page of the record named by `?ref=` (e.g. `/incidents/12`). */
  publicPath?: (ref: string) => string;
}

const incidentPage = (ref: string) => `/incidents/${ref}`;
const maintenancePage = (ref: string) => `/maintenance/${ref}`;

export const CONFIRMATIONS = {
  'incident-declared': { text: 'Incident declared.', publicPath: incidentPage },
  'incident-drafted': { text: 'Incident saved as a draft: not public until you publish it.' },
  'incident-update': { text: 'Incident update posted.', publicPath: incidentPage },
  'incident-update-edited': { text: 'Incident update text saved.', publicPath: incidentPage },
  'incident-details': { text: 'Incident details saved.', publicPath: incidentPage },
  'incident-published': { text: 'Incident published.', publicPath: incidentPage },
  'incident-deleted': { text: 'Incident deleted.' },
  'incident-sla': { text: 'Incident SLA exclusion saved.' },
  'postmortem-saved': { text: 'Post-mortem draft saved: not public yet.' },
  'postmortem-published': { text: 'Post-mortem published.', publicPath: incidentPage },
  'maintenance-scheduled': { text: 'Maintenance scheduled.', publicPath: maintenancePage },
  'maintenance-edited': { text: 'Maintenance details saved.', publicPath: maintenancePage },
  'maintenance-update': { text: 'Maintenance progress update posted.', publicPath: maintenancePage },
  'maintenance-started': { text: 'Maintenance started.', publicPath: maintenancePage },
  'maintenance-completed': { text: 'Maintenance completed.', publicPath: maintenancePage },
  'maintenance-extended': { text: 'Maintenance window extended.', publicPath: maintenancePage },
  'maintenance-cancelled': { text: 'Maintenance cancelled.', publicPath: maintenancePage },
  'component-status': { text: 'Component status set.' },
  'status-posted': { text: 'Component status posted as an update of its incident.', publicPath: incidentPage },
  'component-added': { text: 'Component added.' },
  'component-saved': { text: 'Component saved.' },
  'component-deleted': { text: 'Component deleted.' },
  'component-moved': { text: 'Component order changed.' },
  'group-added': { text: 'Group added.' },
  'group-renamed': { text: 'Group renamed.' },
  'group-deleted': { text: 'Group deleted.' },
  'template-created': { text: 'Template saved.' },
  'template-updated': { text: 'Template changes saved.' },
  'template-deleted': { text: 'Template deleted.' },
  'user-created': { text: 'User added.' },
  'user-updated': { text: 'User role and access saved.' },
  'user-password': { text: 'Password changed.' },
  'api-key-revoked': { text: 'API key revoked.' },
  'settings-saved': { text: 'Settings saved.' },
  'branding-saved': { text: 'Branding saved.' },
  'brand-asset-uploaded': { text: 'Image uploaded.' },
  'brand-asset-removed': { text: 'Image removed.' },
} as const satisfies Record<string, Confirmation>;

export type ConfirmationKey = keyof typeof CONFIRMATIONS;

/** The redirect after a successful action: `path?ok=<key>` (and `&ref=` for the record's public link), `hash` kept last. */
export function confirmedAt(path: string, key: ConfirmationKey, ref?: number | string, hash = ''): string {
  const q = new URLSearchParams({ ok: key });
  if (ref !== undefined) q.set('ref', String(ref));
  return `${path}?${q}${hash}`;
}

/** The confirmation a redirected page shows, with its public link when the record has one; null for an unknown key. */
export function confirmationOf(url: URL): { text: string; href: string | null } | null {
  const key = url.searchParams.get('ok');
  if (!key || !Object.hasOwn(CONFIRMATIONS, key)) return null;
  const c: Confirmation = CONFIRMATIONS[key as ConfirmationKey];
  const ref = url.searchParams.get('ref');
  return { text: c.text, href: c.publicPath && ref && /^\d{1,12}$/.test(ref) ? c.publicPath(ref) : null };
}
