/** Turning a proof (a spent e-mail link, an OpenID Connect answer) into a viewer session on the page. */
import { emailAllowed, oidcAllowed } from '../../domain/viewer-access';
import { getConfig } from '../config';
import { tx, type Db } from '../db';
import { ForbiddenError, ValidationError } from '../errors';
import { systemActor } from '../services/actor';
import { recordAudit } from '../services/journal';
import { readAccessConfig } from './config';
import { consumeViewerLink } from './email-link';
import { finishOidcSignIn, takeOidcFlow } from './oidc';
import { createViewerSession, type ViewerIdentity } from './sessions';

export interface SignedIn {
  pageId: string;
  /** The viewer cookie's token. */
  token: string;
  /** The path asked for before signing in (unchecked: the route makes it a same-site path). */
  next: string;
}

const idleMs = () => getConfig().viewerSessionIdleMinutes * 60_000;

function startSession(db: Db, pageId: string, who: ViewerIdentity, ip: string | null, now: number): Omit<SignedIn, 'next'> {
  const token = createViewerSession(db, pageId, who, now, idleMs());
  recordAudit(db, now, systemActor(`viewer:${who.email ?? who.method}`, ip), 'viewer.signIn', 'page', pageId, { note: who.method });
  return { pageId, token };
}

/** Spends the link and signs its address in, if the page still lists it (the list may have changed since). */
export function signInWithLink(db: Db, token: string, ip: string | null, now: number): SignedIn {
  return tx(db, () => {
    const link = consumeViewerLink(db, token, now);
    const config = readAccessConfig(db, link.pageId);
    if (!config?.emailLink || !emailAllowed(link.email, config.emailLink)) throw new ForbiddenError('This address may no longer view the page.');
    return { ...startSession(db, link.pageId, { method: 'email', email: link.email, oidcGroups: [] }, ip, now), next: link.next };
  });
}

/** Finishes an OpenID Connect sign-in started by this browser; refuses viewers outside the allowed domains and groups. */
export async function signInWithOidc(db: Db, callbackUrl: URL, browserToken: string | null, ip: string | null, now: number): Promise<SignedIn> {
  const flow = takeOidcFlow(db, callbackUrl.searchParams.get('state'), browserToken, now);
  const config = readAccessConfig(db, flow.pageId);
  if (!config?.oidc) throw new ValidationError('This page no longer offers single sign-on.');
  const error = callbackUrl.searchParams.get('error');
  if (error) throw new ValidationError(`The identity provider refused the sign-in (${error.slice(0, 100)}).`);
  const who = await finishOidcSignIn(config.oidc, flow, callbackUrl, now);
  if (!oidcAllowed(who, config.oidc)) throw new ForbiddenError('Your account may not view this page. Ask its owner to add your domain or group.');
  const identity: ViewerIdentity = { method: 'oidc', email: who.emailVerified ? who.email : null, oidcGroups: [...who.groups] };
  return tx(db, () => ({ ...startSession(db, flow.pageId, identity, ip, Date.now()), next: flow.next }));
}
