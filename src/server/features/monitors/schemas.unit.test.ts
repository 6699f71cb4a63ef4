import { describe, expect, it } from 'vitest';
import { MonitorCreate, MonitorEdit } from './schemas';

const form = { component_id: '1', name: 'API health', type: 'http', url: 'https://example.com/health', headers: 'X-Token: abc\n\nAccept: */*', follow_redirects: 'on' };

describe('the monitor form schema', () => {
  it('turns the flat form into a MonitorInput with defaults', () => {
    expect(MonitorCreate.parse(form)).toMatchObject({
      componentId: 1,
      type: 'http',
      config: { url: 'https://example.com/health', method: 'GET', headers: { 'X-Token': 'abc', Accept: '*/*' }, followRedirects: true, keywordAbsent: false, maxRedirects: 5 },
      intervalS: 60,
      failThreshold: 3,
    });
  });

  it('puts a malformed header line and a non-number on their own fields', () => {
    const r = MonitorCreate.safeParse({ ...form, headers: 'no colon here', interval_s: 'soon' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0]).sort()).toEqual(['interval_s']);
    const h = MonitorCreate.safeParse({ ...form, headers: 'no colon here' });
    expect(h.error!.issues.map((i) => i.path[0])).toEqual(['headers']);
  });

  it('an edit carries the monitor id from the route', () => {
    expect(MonitorEdit.parse({ ...form, monitor_id: '4', type: 'tcp', host: 'db.internal', port: '5432' })).toMatchObject({ monitorId: 4, input: { type: 'tcp', config: { host: 'db.internal', port: 5432 } } });
  });
});
