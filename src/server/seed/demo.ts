/** A realistic demo written through the real services, with backdated times (deterministic for a given `now`). */
import type { ComponentStatus, Impact } from '../../domain/enums';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../../domain/constants';
import type { Db } from '../db';
import { cliActor } from '../services/actor';
import { createComponent, createGroup } from '../services/components';
import { createIncident, postUpdate, savePostmortem } from '../services/incidents';
import { createMaintenance } from '../services/maintenance';
import { putSetting } from '../queries/settings';

const DEMO = cliActor('demo');

/** Mulberry32: a tiny seeded PRNG so the demo is the same on every machine. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GROUPS: { name: string; components: [string, string][] }[] = [
  {
    name: 'Core platform',
    components: [
      ['API', 'Public REST and GraphQL API'],
      ['Dashboard', 'The web application'],
      ['Authentication', 'Sign-in, SSO and tokens'],
      ['Webhooks', 'Outgoing event delivery'],
    ],
  },
  {
    name: 'Data',
    components: [
      ['EU database', 'Primary database cluster in Frankfurt'],
      ['US database', 'Primary database cluster in Virginia'],
      ['Search', 'Full-text search indexes'],
      ['File storage', 'Uploads and attachments'],
    ],
  },
  {
    name: 'Integrations',
    components: [
      ['Email delivery', 'Transactional email'],
      ['Payments', 'Billing and card processing'],
      ['Slack integration', 'Notifications to Slack'],
      ['Mobile push', 'iOS and Android notifications'],
    ],
  },
];

const STORIES: { title: string; impact: Impact; status: ComponentStatus; cause: string }[] = [
  { title: 'Elevated API error rates', impact: 'major', status: 'partial_outage', cause: 'A bad deploy of the rate limiter rejected valid requests.' },
  { title: 'Dashboard slow to load', impact: 'minor', status: 'degraded_performance', cause: 'A cache node ran out of memory.' },
  { title: 'Sign-in failures for SSO users', impact: 'major', status: 'partial_outage', cause: 'An expired certificate at an identity provider.' },
  { title: 'Webhook deliveries delayed', impact: 'minor', status: 'degraded_performance', cause: 'A queue consumer stalled.' },
  { title: 'EU database unavailable', impact: 'critical', status: 'major_outage', cause: 'A failover did not complete after a disk failure.' },
  { title: 'US database latency', impact: 'major', status: 'partial_outage', cause: 'A runaway analytics query.' },
  { title: 'Search results out of date', impact: 'minor', status: 'degraded_performance', cause: 'Indexing lagged after a schema change.' },
  { title: 'Uploads failing', impact: 'major', status: 'partial_outage', cause: 'A storage bucket policy change.' },
  { title: 'Emails delayed', impact: 'minor', status: 'degraded_performance', cause: 'Our email provider throttled us.' },
  { title: 'Card payments declined', impact: 'critical', status: 'major_outage', cause: 'A payment gateway outage.' },
  { title: 'Slack notifications missing', impact: 'minor', status: 'partial_outage', cause: 'Slack API token rotation.' },
  { title: 'Push notifications delayed', impact: 'minor', status: 'degraded_performance', cause: 'Certificate renewal for APNs.' },
];

/** Seeds the demo; returns false (and writes nothing) when the database already has components. */
export function seedDemo(db: Db, now: number, hasComponents: boolean): boolean {
  if (hasComponents) return false;
  const rand = rng(42);
  putSetting(db, 'pageName', 'Acme Cloud Status');
  const start = now - 120 * MS_PER_DAY;
  const ids: number[] = [];
  for (const g of GROUPS) {
    const group = createGroup(db, { name: g.name }, DEMO, start);
    for (const [name, description] of g.components) {
      const late = name === 'Mobile push';
      const startDate = late ? now - 40 * MS_PER_DAY : start;
      const c = createComponent(db, { name, description, groupId: group.id, target: name === 'API' ? 99.95 : 99.9, startDate }, DEMO, now);
      ids.push(c.id);
    }
  }
  // A dozen past incidents, oldest first so each backdated write follows the previous one.
  STORIES.forEach((s, i) => {
    const componentId = ids[i];
    const t0 = now - (110 - i * 9) * MS_PER_DAY + Math.floor(rand() * 12) * MS_PER_HOUR;
    const duration = (20 + Math.floor(rand() * 160)) * MS_PER_MINUTE;
    const inc = createIncident(
      db,
      {
        title: s.title,
        impact: s.impact,
        status: 'investigating',
        body: `We are investigating reports of ${s.title.toLowerCase()}.`,
        components: { [componentId]: s.status },
        startedAt: t0,
        displayAt: t0 + 4 * MS_PER_MINUTE,
      },
      DEMO,
      now,
    );
    postUpdate(db, inc.id, { status: 'identified', body: `**Cause identified:** ${s.cause} A fix is being rolled out.`, displayAt: t0 + Math.round(duration / 3) }, DEMO, now);
    postUpdate(db, inc.id, { status: 'monitoring', body: 'The fix is deployed; we are monitoring the results.', displayAt: t0 + Math.round((duration * 2) / 3) }, DEMO, now);
    postUpdate(db, inc.id, { status: 'resolved', body: 'This incident has been resolved.', displayAt: t0 + duration }, DEMO, now);
    if (i === 4) {
      savePostmortem(
        db,
        inc.id,
        [
          '## Summary',
          'The EU database cluster was unavailable because an automatic failover did not complete after a disk failure on the primary.',
          '',
          '## Timeline',
          '- Disk failure on the primary node',
          '- Failover started but stalled waiting for a replica that was behind',
          '- Manual promotion of the healthiest replica',
          '',
          '## What we are changing',
          '1. Alert on replica lag above 30 seconds.',
          '2. Rehearse manual promotion every quarter.',
        ].join('\n'),
        true,
        DEMO,
        Math.min(now, t0 + duration + 2 * MS_PER_DAY),
      );
    }
  });
  createMaintenance(
    db,
    {
      title: 'Database engine upgrade',
      body: 'We upgraded the EU database cluster to a new minor version. Brief connection resets were expected.',
      scheduledFor: now - 20 * MS_PER_DAY,
      scheduledUntil: now - 20 * MS_PER_DAY + 45 * MS_PER_MINUTE,
      components: [ids[4]],
    },
    DEMO,
    now,
  );
  createMaintenance(
    db,
    {
      title: 'Network maintenance in Virginia',
      body: 'Our provider is replacing core switches. We expect **no downtime**; short latency spikes are possible.',
      scheduledFor: now + 3 * MS_PER_DAY,
      scheduledUntil: now + 3 * MS_PER_DAY + 2 * MS_PER_HOUR,
      components: [ids[5], ids[0]],
    },
    DEMO,
    now,
  );
  const active = createIncident(
    db,
    {
      title: 'Delayed webhook deliveries',
      impact: 'minor',
      status: 'investigating',
      body: 'Some webhook deliveries are delayed by up to 10 minutes. We are investigating.',
      components: { [ids[3]]: 'degraded_performance' },
      startedAt: now - 50 * MS_PER_MINUTE,
      displayAt: now - 45 * MS_PER_MINUTE,
    },
    DEMO,
    now,
  );
  postUpdate(db, active.id, { status: 'identified', body: 'A stuck queue partition is the cause; we are draining it.', displayAt: now - 15 * MS_PER_MINUTE }, DEMO, now);
  return true;
}
