import { afterEach, describe, expect, it } from 'vitest';
import { viewerLinks, viewerOidcFlows, viewerSessions } from '../../../db/schema';
import { closeDatabase, type Db } from '../db';
import { freshDb } from '../../testing/db';
import { purgeViewerAccess } from './purge';
import { createViewerSession, validateViewerSession } from './sessions';

let db: Db;
afterEach(() => closeDatabase(db));

describe('purgeViewerAccess', () => {
  it('removes expired sessions, links and flows, and keeps live ones', () => {
    db = freshDb();
    const idle = 60_000;
    const live = createViewerSession(db, 'p', { method: 'email', email: 'a@x.example', oidcGroups: [] }, 1_000, idle);
    createViewerSession(db, 'p', { method: 'email', email: 'b@x.example', oidcGroups: [] }, 0, 10);
    db.insert(viewerLinks).values([
      { tokenHash: 'old', pageId: 'p', email: 'a@x.example', createdAt: 0, expiresAt: 10 },
      { tokenHash: 'new', pageId: 'p', email: 'a@x.example', createdAt: 0, expiresAt: 100_000 },
    ]).run();
    db.insert(viewerOidcFlows).values([
      { stateHash: 'old', pageId: 'p', browserHash: 'b', nonce: 'n', codeVerifier: 'v', expiresAt: 10 },
      { stateHash: 'new', pageId: 'p', browserHash: 'b', nonce: 'n', codeVerifier: 'v', expiresAt: 100_000 },
    ]).run();
    purgeViewerAccess(db, 50_000);
    expect(db.select({ email: viewerSessions.email }).from(viewerSessions).all()).toEqual([{ email: 'a@x.example' }]);
    expect(db.select({ h: viewerLinks.tokenHash }).from(viewerLinks).all()).toEqual([{ h: 'new' }]);
    expect(db.select({ h: viewerOidcFlows.stateHash }).from(viewerOidcFlows).all()).toEqual([{ h: 'new' }]);
    expect(validateViewerSession(db, live, 'p', 50_000, idle)?.email).toBe('a@x.example');
  });
});
