/** Every chat builder's output, for every kind of event, is valid against the service's schema kept here. */
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { follows } from '../../../domain/audience';
import { CHAT_BUILDERS, type ChatFacts } from '../../../domain/chat-messages';
import discord from './discord.schema.json';
import slack from './slack.schema.json';
import teams from './teams.schema.json';

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validators = { slack: ajv.compile(slack), discord: ajv.compile(discord), teams: ajv.compile(teams) };

const base: ChatFacts = { pageName: 'Acme Status', title: 'API errors', statusLabel: 'Investigating', tone: 'critical', body: 'We are looking into it.', components: ['API'], url: 'https://status.example.com/incidents/1', at: Date.UTC(2026, 0, 2, 3, 4) };
const CASES: [string, Partial<ChatFacts>][] = [
  ['incident created', {}],
  ['incident updated', { statusLabel: 'Identified', tone: 'major' }],
  ['incident resolved', { statusLabel: 'Resolved', tone: 'ok' }],
  ['maintenance scheduled', { title: 'DB upgrade', statusLabel: 'Scheduled', tone: 'maintenance', url: 'https://status.example.com/maintenance/2' }],
  ['maintenance started', { statusLabel: 'In progress', tone: 'maintenance' }],
  ['maintenance completed', { statusLabel: 'Completed', tone: 'ok' }],
  ['maintenance cancelled', { statusLabel: 'Cancelled', tone: 'ok', components: [] }],
  ['component status change', { title: 'API is Partial outage', statusLabel: 'Partial outage', tone: 'major', body: '' }],
  ['long bodies and names', { title: 'T'.repeat(400), body: 'x'.repeat(10_000), components: Array.from({ length: 300 }, (_, i) => `Component ${i}`) }],
  ['markup in the body', { body: '<script>alert(1)</script> **bold** & <b>tags</b> > quote' }],
];

describe.each(Object.keys(CHAT_BUILDERS) as (keyof typeof CHAT_BUILDERS)[])('%s messages', (service) => {
  it.each(CASES)('%s: valid against the schema', (_name, over) => {
    const msg = CHAT_BUILDERS[service]({ ...base, ...over });
    const ok = validators[service](msg);
    expect(validators[service].errors ?? [], JSON.stringify(validators[service].errors)).toEqual([]);
    expect(ok).toBe(true);
    const json = JSON.stringify(msg);
    expect(json).not.toMatch(/<script|<b>/);
    expect(json).toContain(over.url ?? base.url);
  });
});

describe('escaping and colour', () => {
  it('escapes &, < and > for Slack and gives each service the status colour', () => {
    const f = { ...base, body: 'a & b > c' };
    expect(JSON.stringify(CHAT_BUILDERS.slack(f))).toContain('a &amp; b &gt; c');
    expect((CHAT_BUILDERS.discord(f).embeds as { color: number }[])[0].color).toBe(0xb42318);
    expect(JSON.stringify(CHAT_BUILDERS.slack(f))).toContain('#b42318');
  });
  it('the schemas refuse what the services refuse', () => {
    expect(validators.discord({ embeds: [{ title: 'x'.repeat(257) }] })).toBe(false);
    expect(validators.slack({ text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }] })).toBe(false);
    expect(validators.teams({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.teams.card.o365connector', content: {} }] })).toBe(false);
  });
});

describe('follows', () => {
  const groupOf = new Map<number, number | null>([[1, 10], [2, null]]);
  it.each([
    [{ all: true, componentIds: [], groupIds: [] }, [], true],
    [{ all: false, componentIds: [1], groupIds: [] }, [], false],
    [{ all: false, componentIds: [1], groupIds: [] }, [2], false],
    [{ all: false, componentIds: [1], groupIds: [] }, [1, 2], true],
    [{ all: false, componentIds: [], groupIds: [10] }, [1], true],
    [{ all: false, componentIds: [], groupIds: [10] }, [2], false],
  ])('%j for %j → %s', (f, affected, want) => expect(follows(f, affected, groupOf)).toBe(want));
});
