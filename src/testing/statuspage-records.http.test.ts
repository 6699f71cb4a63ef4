/** Statuspage's management API beyond the first calls: subscribers, templates, post-mortems, update edits, deletes, windows, rate limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSpServer, specJson, type SpServer } from './statuspage-harness';

let sp: SpServer;
beforeAll(async () => {
  sp = await startSpServer();
});
afterAll(() => sp?.stop());

const newIncident = async (name: string) =>
  specJson(
    await sp.call('/incidents', 'POST', { incident: { name, body: 'Looking into it.', deliver_notifications: false } }),
    'POST',
    '/pages/{page_id}/incidents',
    201,
  );

describe('subscribers', () => {
  it('creates one with double opt-in, lists, gets, resends its confirmation and unsubscribes it', async () => {
    const email = 'ops-reader@example.com';
    const created = await specJson(
      await sp.call('/subscribers', 'POST', { subscriber: { email, component_ids: ['1'] } }),
      'POST',
      '/pages/{page_id}/subscribers',
      201,
    );
    expect(created).toMatchObject({ email, mode: 'email', state: 'unconfirmed', components: ['1'] });
    await sp.sink.waitFor(() => sp.sink.to(email).length === 1, 'the first confirmation');

    const list = await specJson(await sp.call('/subscribers?q=ops-reader'), 'GET', '/pages/{page_id}/subscribers', 200);
    expect(list.map((s: { email: string }) => s.email)).toEqual([email]);
    await specJson(
      await sp.call(`/subscribers/${created.id}`),
      'GET',
      '/pages/{page_id}/subscribers/{subscriber_id}',
      200,
    );

    expect((await sp.call(`/subscribers/${created.id}/resend_confirmation`, 'POST')).status).toBe(201);
    await sp.sink.waitFor(() => sp.sink.to(email).length === 2, 'the resent confirmation');

    const gone = await specJson(
      await sp.call(`/subscribers/${created.id}`, 'DELETE'),
      'DELETE',
      '/pages/{page_id}/subscribers/{subscriber_id}',
      200,
    );
    expect(gone.email).toBe(email);
    expect((await sp.call(`/subscribers/${created.id}`)).status).toBe(404);
  });

  it('with skip_confirmation_notification: confirmed at once and told nothing; a resend is refused', async () => {
    const email = 'imported@example.com';
    const created = await specJson(
      await sp.call('/subscribers', 'POST', { subscriber: { email, skip_confirmation_notification: true } }),
      'POST',
      '/pages/{page_id}/subscribers',
      201,
    );
    expect(created).toMatchObject({ email, state: 'active' });
    const r = await sp.call(`/subscribers/${created.id}/resend_confirmation`, 'POST');
    expect(r.status).toBe(422);
    expect(await r.json()).toMatchObject({ error: expect.stringContaining('waiting for confirmation') });
    // The confirmation mail of the other subscriber proves mail flows; none reached this one.
    expect(sp.sink.to(email)).toEqual([]);
  });

  it('refuses SMS and webhook subscribers by name, and a read-only key', async () => {
    const sms = await sp.call('/subscribers', 'POST', {
      subscriber: { phone_number: '2025550105', phone_country: 'US' },
    });
    expect(sms.status).toBe(422);
    expect(await sms.json()).toMatchObject({ fields: { 'subscriber.phone_number': 'Not supported.' } });
    expect(
      (await sp.call('/subscribers', 'POST', { subscriber: { email: 'x@example.com' } }, sp.keys.read)).status,
    ).toBe(403);
    expect((await sp.call('/subscribers', 'GET', undefined, sp.keys.write)).status).toBe(403);
  });
});

describe('incident templates', () => {
  it('creates and lists a template; refuses options it cannot keep', async () => {
    const t = await specJson(
      await sp.call('/incident_templates', 'POST', {
        template: { name: 'DB down', title: 'Database unavailable', body: 'We are investigating.' },
      }),
      'POST',
      '/pages/{page_id}/incident_templates',
      201,
    );
    expect(t).toMatchObject({ name: 'DB down', title: 'Database unavailable' });
    const list = await specJson(
      await sp.call('/incident_templates'),
      'GET',
      '/pages/{page_id}/incident_templates',
      200,
    );
    expect(list.map((x: { id: string }) => x.id)).toContain(t.id);
    const r = await sp.call('/incident_templates', 'POST', {
      template: { name: 'x', title: 'x', body: 'x', should_tweet: true },
    });
    expect(r.status).toBe(422);
  });
});

describe('post-mortems and update edits', () => {
  it('writes, publishes, reverts and deletes a post-mortem, and the public page follows', async () => {
    const i = await newIncident('Checkout errors');
    const path = `/incidents/${i.id}/postmortem`;
    const draft = await specJson(
      await sp.call(path, 'PUT', { postmortem: { body_draft: '## What happened\nA bad deploy.' } }),
      'PUT',
      '/pages/{page_id}/incidents/{incident_id}/postmortem',
      200,
    );
    expect(draft).toMatchObject({ body_draft: '## What happened\nA bad deploy.', body: null, published_at: null });
    const published = await specJson(
      await sp.call(`${path}/publish`, 'PUT', { postmortem: { notify_twitter: false } }),
      'PUT',
      '/pages/{page_id}/incidents/{incident_id}/postmortem/publish',
      200,
    );
    expect(published).toMatchObject({ body: '## What happened\nA bad deploy.', published_at: expect.any(String) });
    expect(await (await fetch(`${sp.server.baseURL}/incidents/${i.id}`)).text()).toContain('A bad deploy.');
    const reverted = await specJson(
      await sp.call(`${path}/revert`, 'PUT'),
      'PUT',
      '/pages/{page_id}/incidents/{incident_id}/postmortem/revert',
      200,
    );
    expect(reverted).toMatchObject({ body: null, body_draft: '## What happened\nA bad deploy.' });
    expect((await sp.call(path, 'DELETE')).status).toBe(204);
    expect(
      await specJson(await sp.call(path), 'GET', '/pages/{page_id}/incidents/{incident_id}/postmortem', 200),
    ).toMatchObject({ body_draft: '' });
  });

  it('corrects the message of an update, and refuses an update of another incident', async () => {
    const i = await newIncident('Slow search');
    const other = await newIncident('Other');
    const updateId = i.incident_updates[0].id;
    const edited = await specJson(
      await sp.call(`/incidents/${i.id}/incident_updates/${updateId}`, 'PATCH', {
        incident_update: { body: 'Search is slow for EU users.' },
      }),
      'PATCH',
      '/pages/{page_id}/incidents/{incident_id}/incident_updates/{incident_update_id}',
      200,
    );
    expect(edited).toMatchObject({ id: updateId, body: 'Search is slow for EU users.' });
    expect(
      (
        await sp.call(`/incidents/${other.id}/incident_updates/${updateId}`, 'PATCH', {
          incident_update: { body: 'x' },
        })
      ).status,
    ).toBe(422);
  });
});

describe('deletes, backfills and windows', () => {
  it('deletes an incident, answering it as it was', async () => {
    const i = await newIncident('Mistake');
    const gone = await specJson(
      await sp.call(`/incidents/${i.id}`, 'DELETE'),
      'DELETE',
      '/pages/{page_id}/incidents/{incident_id}',
      200,
    );
    expect(gone.id).toBe(i.id);
    expect((await sp.call(`/incidents/${i.id}`)).status).toBe(404);
  });

  it('backfills a resolved incident on a past date, telling nobody', async () => {
    const i = await specJson(
      await sp.call(
        '/incidents',
        'POST',
        'incident[name]=Old outage&incident[backfilled]=t&incident[backfill_date]=2026-01-15&incident[impact_override]=major',
        sp.keys.admin,
        true,
      ),
      'POST',
      '/pages/{page_id}/incidents',
      201,
    );
    expect(i, JSON.stringify(i)).toMatchObject({
      status: 'resolved',
      impact: 'major',
      started_at: '2026-01-15T00:00:00.000Z',
    });
  });

  it('derives the impact from the statuses set when impact_override is absent; a PATCH may not backfill', async () => {
    const i = await specJson(
      await sp.call('/incidents', 'POST', {
        incident: { name: 'Dashboard down', components: { '2': 'major_outage' }, deliver_notifications: false },
      }),
      'POST',
      '/pages/{page_id}/incidents',
      201,
    );
    expect(i).toMatchObject({
      impact: 'critical',
      status: 'investigating',
      incident_updates: [{ body: 'Investigating.' }],
    });
    expect(
      (await sp.call(`/incidents/${i.id}`, 'PATCH', { incident: { backfilled: true, backfill_date: '2026-01-01' } }))
        .status,
    ).toBe(422);
    const resolved = await sp.call(`/incidents/${i.id}`, 'PATCH', {
      incident: { status: 'resolved', backfilled: false, components: { '2': 'operational' } },
    });
    expect(await specJson(resolved, 'PATCH', '/pages/{page_id}/incidents/{incident_id}', 200)).toMatchObject({
      status: 'resolved',
    });
  });

  it('starts and completes a window through PATCH, and cancels another through DELETE', async () => {
    const make = async (name: string) =>
      specJson(
        await sp.call('/incidents', 'POST', {
          incident: {
            name,
            scheduled_for: new Date(Date.now() + 3_600_000).toISOString(),
            scheduled_until: new Date(Date.now() + 7_200_000).toISOString(),
            deliver_notifications: false,
          },
        }),
        'POST',
        '/pages/{page_id}/incidents',
        201,
      );
    const w = await make('Upgrade');
    const started = await specJson(
      await sp.call(`/incidents/${w.id}`, 'PATCH', { incident: { status: 'in_progress' } }),
      'PATCH',
      '/pages/{page_id}/incidents/{incident_id}',
      200,
    );
    expect(started.status).toBe('in_progress');
    const active = await specJson(
      await sp.call('/incidents/active_maintenance'),
      'GET',
      '/pages/{page_id}/incidents/active_maintenance',
      200,
    );
    expect(active.map((x: { id: string }) => x.id)).toContain(w.id);
    const done = await specJson(
      await sp.call(`/incidents/${w.id}`, 'PATCH', { incident: { status: 'completed' } }),
      'PATCH',
      '/pages/{page_id}/incidents/{incident_id}',
      200,
    );
    expect(done.status).toBe('completed');
    const other = await make('Migration');
    await specJson(
      await sp.call(`/incidents/${other.id}`, 'DELETE'),
      'DELETE',
      '/pages/{page_id}/incidents/{incident_id}',
      200,
    );
    const scheduled = await specJson(
      await sp.call('/incidents/scheduled'),
      'GET',
      '/pages/{page_id}/incidents/scheduled',
      200,
    );
    expect(scheduled.map((x: { id: string }) => x.id)).not.toContain(other.id);
    expect((await sp.call(`/incidents/${other.id}`, 'PATCH', { incident: { name: 'Renamed' } })).status).toBe(422);
  });

  it('updates and deletes a component group; PUT on a component is a partial update', async () => {
    const g = await specJson(
      await sp.call('/component-groups', 'POST', { component_group: { name: 'Edge', components: ['1', '2'] } }),
      'POST',
      '/pages/{page_id}/component-groups',
      201,
    );
    const moved = await specJson(
      await sp.call(`/component-groups/${g.id}`, 'PATCH', {
        component_group: { name: 'Edge network', components: ['2'] },
      }),
      'PATCH',
      '/pages/{page_id}/component-groups/{id}',
      200,
    );
    expect(moved).toMatchObject({ name: 'Edge network', components: ['2'] });
    const c = await specJson(
      await sp.call('/components/1', 'PUT', { component: { description: 'Public REST API' } }),
      'PUT',
      '/pages/{page_id}/components/{component_id}',
      200,
    );
    expect(c).toMatchObject({ name: 'API', description: 'Public REST API', group_id: null });
    await specJson(
      await sp.call(`/component-groups/${g.id}`, 'DELETE'),
      'DELETE',
      '/pages/{page_id}/component-groups/{id}',
      200,
    );
    expect((await sp.call(`/component-groups/${g.id}`)).status).toBe(404);
  });
});

describe('page', () => {
  it('answers the page profile and lists the one page', async () => {
    const page = await specJson(await sp.call(''), 'GET', '/pages/{page_id}', 200);
    expect(page.id).toBe(sp.pageId);
    const r = await fetch(`${sp.server.baseURL}/api/v1/pages.json`, {
      headers: { authorization: `OAuth ${sp.keys.read}` },
    });
    expect((await specJson(r, 'GET', '/pages', 200)).map((p: { id: string }) => p.id)).toEqual([sp.pageId]);
  });
});

describe('rate limits', () => {
  let limited: SpServer;
  beforeAll(async () => {
    limited = await startSpServer({ API_RATE_PER_MINUTE: '3' });
  });
  afterAll(() => limited?.stop());

  it('answers with Statuspage\'s rate headers and a 429 {"error"} with Retry-After past the key\'s budget; another key is not held back', async () => {
    const seen: [number, string | null][] = [];
    for (let i = 0; i < 4; i++) {
      // The write key: the harness spent one of the admin key's requests finding the page.
      const r = await limited.call('/components', 'GET', undefined, limited.keys.write);
      seen.push([r.status, r.headers.get('x-ratelimit-remaining')]);
      if (r.status === 429) {
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(await r.json()).toMatchObject({ error: expect.stringContaining('Rate limit') });
      }
    }
    expect(seen.map(([s]) => s)).toEqual([200, 200, 200, 429]);
    expect(seen[0][1]).toBe('2');
    expect((await limited.call('/components', 'GET', undefined, limited.keys.read)).status).toBe(200);
  });
});
