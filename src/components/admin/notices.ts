/** The confirmation an admin page shows after a redirect with ?ok=<what>, in words. */
const NOTICES: Record<string, string> = {
  update: 'Update posted.',
  edit: 'Update text saved.',
  incident: 'Incident details saved.',
  'postmortem-saved': 'Post-mortem draft saved.',
  'postmortem-published': 'Post-mortem published.',
  published: 'Incident published.',
  sla: 'SLA setting saved.',
  status: 'Component status set.',
  'status-posted': 'Component status posted as an update of its incident.',
  create: 'Component added.',
  move: 'Order changed.',
  'group-create': 'Group added.',
  'group-edit': 'Group renamed.',
  'group-delete': 'Group deleted.',
  created: 'Maintenance scheduled.',
  start: 'Maintenance started.',
  complete: 'Maintenance completed.',
  extend: 'Maintenance window extended.',
  cancel: 'Maintenance cancelled.',
};

export function noticeFor(ok: string | null): string | null {
  if (!ok) return null;
  return NOTICES[ok] ?? 'Saved.';
}
