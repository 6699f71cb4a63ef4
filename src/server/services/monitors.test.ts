import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { ValidationError } from '../errors';
import { SYSTEM } from './actor';
import { createComponent } from './components';
import { createMonitor } from './monitors';

let db: Db;
let componentId: number;
const t = Date.UTC(2026, 5, 1);

beforeEach(() => {
  db = freshDb();
  componentId = createComponent(db, { name: 'Checkout' }, SYSTEM, t).id;
});

describe('monitor administration', () => {
  it('keeps request header values out of the audit log', () => {
    createMonitor(db, { componentId, name: 'private', type: 'http', config: { url: 'https://internal.example/health', headers: { Authorization: 'Bearer s3cret' } } }, SYSTEM, t);
    const rows = db.select().from(auditLog).all();
    expect(rows.some((r) => r.action === 'monitor.create' && r.after?.includes('Authorization'))).toBe(true);
    expect(rows.some((r) => r.after?.includes('s3cret'))).toBe(false);
  });

  it('rejects bad settings with field messages and writes nothing', () => {
    const bad = () => createMonitor(db, { componentId, name: '', type: 'tcp', config: { host: '', port: 70000 }, intervalS: 5, timeoutMs: 50 }, SYSTEM, t);
    expect(bad).toThrow(ValidationError);
    try {
      bad();
    } catch (err) {
      expect((err as InstanceType<typeof ValidationError>).fields).toMatchObject({ name: 'Enter a name.', interval_s: 'Use 10–86400 seconds.', timeout_ms: 'Use 100–60000 ms.', host: 'Enter a host.', port: 'Port 1–65535.' });
    }
  });
});
