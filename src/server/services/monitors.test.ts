import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { ValidationError } from '../errors';
import { putSetting } from '../queries/settings';
import { SYSTEM } from './actor';
import { createComponent } from './components';
import { createMonitor, updateMonitor } from './monitors';

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

describe('what a monitor may be pointed at', () => {
  const fieldsOf = (config: Record<string, unknown>, type: 'http' | 'tcp' = 'http'): Record<string, string> | null => {
    try {
      createMonitor(db, { componentId, name: 'm', type, config }, SYSTEM, t);
      return null;
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return err.fields ?? {};
    }
  };

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT', 'get'])('method %s is a validation error', (method) => {
    expect(fieldsOf({ url: 'http://127.0.0.1:9/', method })).toEqual({ method: 'Use GET, HEAD or POST.' });
  });

  it.each(['GET', 'HEAD', 'POST'])('method %s is fine', (method) => expect(fieldsOf({ url: 'http://127.0.0.1:9/', method })).toBeNull());

  it.each(['Host', 'host', 'Connection', 'Transfer-Encoding', 'TE', 'Upgrade', 'Proxy-Authorization', 'Content-Length', 'Keep-Alive'])('header %s cannot be set', (name) => {
    expect(fieldsOf({ url: 'http://127.0.0.1:9/', headers: { [name]: 'x' } })?.headers).toMatch(/cannot be set/);
  });

  it('refuses header values with line breaks', () => {
    expect(fieldsOf({ url: 'http://127.0.0.1:9/', headers: { 'X-Token': 'a\r\nHost: evil' } })?.headers).toMatch(/line breaks/);
  });

  it('caps redirects at 5', () => expect(fieldsOf({ url: 'http://127.0.0.1:9/', maxRedirects: 6 })).toEqual({ maxRedirects: 'At most 5 redirects.' }));

  it.each(['http://169.254.169.254/latest/meta-data/', 'http://2852039166/', 'http://0xa9.0xfe.0xa9.0xfe/', 'http://[::ffff:a9fe:a9fe]/', 'http://[fd00:ec2::254]/', 'http://0.0.0.0/'])('refuses url %s as typed', (url) => {
    expect(fieldsOf({ url })?.url).toMatch(/^Refused: /);
  });

  it.each(['169.254.169.254', '2852039166', '0xa9.0xfe.0xa9.0xfe', 'fe80::1'])('refuses TCP host %s as typed', (host) => {
    expect(fieldsOf({ host, port: 80 }, 'tcp')?.host).toMatch(/^Refused: /);
  });

  it('follows the two settings', () => {
    expect(fieldsOf({ url: 'http://169.254.169.254/' })?.url).toBe('Refused: 169.254.169.254 is a link-local or cloud metadata address (an admin can allow these in Settings).');
    putSetting(db, 'allowLinkLocalTargets', true);
    expect(fieldsOf({ url: 'http://169.254.169.254/' })).toBeNull();
    expect(fieldsOf({ url: 'http://127.0.0.1:8080/' })).toBeNull();
    putSetting(db, 'allowPrivateTargets', false);
    expect(fieldsOf({ url: 'http://127.0.0.1:8080/' })?.url).toMatch(/private or loopback/);
    expect(fieldsOf({ host: '10.0.0.1', port: 22 }, 'tcp')?.host).toMatch(/private or loopback/);
  });

  it('checks an edit as well', () => {
    const m = createMonitor(db, { componentId, name: 'ok', type: 'http', config: { url: 'http://127.0.0.1:9/' } }, SYSTEM, t);
    expect(() => updateMonitor(db, m.id, { componentId, name: 'ok', type: 'http', config: { url: 'http://169.254.169.254/' } }, SYSTEM, t)).toThrow(ValidationError);
  });
});
