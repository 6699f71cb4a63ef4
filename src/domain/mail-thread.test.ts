import { describe, expect, it } from 'vitest';
import { listHeaders, listId, mailThread, threadHeaders, threadRootId } from './mail-thread';

describe('mailThread', () => {
  it.each([
    ['incident', 5, 'incident:5'],
    ['maintenance', '12', 'maintenance:12'],
    ['subscriber', 3, null],
    ['component', 1, null],
  ])('%s %s → %s', (entity, id, thread) => expect(mailThread(entity, id)).toBe(thread));
});

describe('threadHeaders', () => {
  const base = { thread: 'incident:5', changeId: 40, subscriberId: 7, host: 'status.example.com' };
  it('the opening message is the root and replies to nothing', () => {
    expect(threadHeaders({ ...base, opens: true })).toEqual({ 'Message-ID': '<incident-5.s7@status.example.com>' });
  });
  it('a later message has its own id and points at the root in both headers', () => {
    expect(threadHeaders({ ...base, opens: false })).toEqual({ 'Message-ID': '<change-40.s7@status.example.com>', 'In-Reply-To': '<incident-5.s7@status.example.com>', References: '<incident-5.s7@status.example.com>' });
  });
  it('roots differ per subscriber and per thread, never per message', () => {
    const ids = new Set([threadRootId('incident:5', 7, 'h'), threadRootId('incident:5', 8, 'h'), threadRootId('maintenance:5', 7, 'h'), threadRootId('incident:6', 7, 'h')]);
    expect(ids.size).toBe(4);
    expect(threadHeaders({ ...base, changeId: 41, opens: false })['In-Reply-To']).toBe(threadHeaders({ ...base, opens: false })['In-Reply-To']);
  });
});

describe('listId', () => {
  it.each([
    ['Acme Status', '"Acme Status" <status.example.com>'],
    ['Ünïcode 決済 Status', '"Unicode Status" <status.example.com>'],
    ['say "hi" \\ there', '"say hi there" <status.example.com>'],
    ['決済', '<status.example.com>'],
  ])('%s → %s', (name, id) => expect(listId(name, 'status.example.com')).toBe(id));
  it('notifications are marked auto-generated list mail', () => {
    expect(listHeaders('Acme', 'h')).toEqual({ 'List-Id': '"Acme" <h>', 'Auto-Submitted': 'auto-generated' });
  });
});
