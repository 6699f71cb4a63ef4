/** Housekeeping: expired viewer sessions, sign-in links and OpenID flows go (the clock job calls this). */
import { tx, type Db } from '../db';
import { purgeViewerLinks } from './email-link';
import { purgeOidcFlows } from './oidc';
import { purgeExpiredViewerSessions } from './sessions';

export function purgeViewerAccess(db: Db, now: number): void {
  tx(db, () => {
    purgeExpiredViewerSessions(db, now);
    purgeViewerLinks(db, now);
    purgeOidcFlows(db, now);
  });
}
