/** CDN semantics against the built server: stale-if-error, cache tags on public responses, PURGE_COMMAND after a change. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommandServer, stopCommandServer, type CommandServer } from '../../testing/command-server';
import type { RunningServer } from '../../testing/server-harness';
import { TEST_ACTOR } from '../../testing/subscriber-scenario';
import type { Db } from '../db';
import { createIncident, deleteIncident, editIncident } from '../services/incidents';

let fixture: CommandServer | undefined;
let server: RunningServer;
let writer: Db;
let tmp: string;

beforeAll(async () => {
  fixture = await startCommandServer('statuspage-purge-', (t) => ({ PURGE_COMMAND: `echo "$PURGE_TAGS" >> "${t}/purged"` }));
  ({ server, writer, tmp } = fixture);
});
afterAll(() => stopCommandServer(fixture));

describe.each([
  ['/', 'page:overview'],
  ['/components/api', 'component:api'],
  ['/api/v2/summary.json', 'page:api'],
])('%s', (url, tag) => {
  it('lets a CDN serve it for a day while the origin fails, and names what it shows', async () => {
    for (const state of ['miss', 'hit']) {
      const res = await fetch(server.baseURL + url);
      await res.arrayBuffer();
      expect(res.headers.get('x-cache')).toBe(state);
      expect(res.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400');
      expect(res.headers.get('surrogate-key')!.split(' ')).toEqual(['all', tag]);
      expect(res.headers.get('cache-tag')!.split(',')).toEqual(['all', tag]);
    }
  });
});

describe('PURGE_COMMAND', () => {
  it('runs after a change with the tags it made stale', async () => {
    const incident = createIncident(writer, { title: 'Purge me', impact: 'major', status: 'investigating', body: 'Now.', components: { api: 'major_outage' } }, TEST_ACTOR, Date.now());
    const file = path.join(tmp, 'purged');
    const deadline = Date.now() + 10_000;
    while (!(fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(`incident:${incident.id}`))) {
      if (Date.now() > deadline) throw new Error(`no purge seen: ${fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : 'none'}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const tags = fs.readFileSync(file, 'utf8').split(/\s+/).filter(Boolean);
    expect(tags).toEqual(expect.arrayContaining([`incident:${incident.id}`, 'component:api', 'page:overview', 'page:history']));
    expect(tags).not.toContain('all');
    expect(tags).not.toContain('component:web');
  });

  it('purges the pages of a component dropped from an incident, and of a deleted incident, which no longer name them', async () => {
    const file = path.join(tmp, 'purged');
    // Declared operational: dropping it moves no status, so only the change's own record names it.
    const incident = createIncident(writer, { title: 'Moves', impact: 'minor', status: 'investigating', body: 'Now.', components: { web: 'operational' } }, TEST_ACTOR, Date.now());
    const purgedAfter = async (what: () => void): Promise<string[]> => {
      const from = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').length : 0;
      what();
      const deadline = Date.now() + 10_000;
      for (;;) {
        const added = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(from) : '';
        if (added.includes(`incident:${incident.id}`)) return added.split(/\s+/).filter(Boolean);
        if (Date.now() > deadline) throw new Error(`no purge seen: ${added}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    await purgedAfter(() => undefined);
    const moved = await purgedAfter(() => editIncident(writer, incident.id, { components: ['api'] }, TEST_ACTOR, Date.now()));
    expect(moved).toEqual(expect.arrayContaining(['component:web', 'component:api']));
    const deleted = await purgedAfter(() => deleteIncident(writer, incident.id, TEST_ACTOR, Date.now()));
    expect(deleted).toEqual(expect.arrayContaining(['component:api', 'page:history']));
    expect(deleted).not.toContain('all');
  });
});
