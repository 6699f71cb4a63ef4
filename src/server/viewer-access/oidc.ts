/** OpenID Connect sign-in for viewers: authorization code flow with PKCE, state and nonce; discovery from the issuer. */
import { createHash } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { viewerOidcFlows } from '../../../db/schema';
import { claimGroups, type OidcIdentity } from '../../domain/viewer-access';
import type { TargetPolicy } from '../../domain/target-policy';
import { getConfig } from '../config';
import type { Db } from '../db';
import { AppError, ValidationError } from '../errors';
import { hashToken, newToken } from '../auth/tokens';
import type { OidcConfig } from './config';
import { guardedFetch } from './guarded-fetch';

/** The flow must come back within this time. */
const FLOW_LIFETIME_MS = 10 * 60_000;
/** Discovery documents are kept this long per issuer and client. */
const DISCOVERY_TTL_MS = 10 * 60_000;

/** Names the cookie that binds a flow to the browser that started it (no login CSRF). */
export const OIDC_FLOW_COOKIE = 'sp_viewer_oidc';

export const oidcCallbackUrl = (base = getConfig().siteUrl): string => `${base}/access/oidc/callback`;

/** Loopback and private issuers (and plain http) only under VIEWER_OIDC_ALLOW_PRIVATE_ISSUERS; link-local never. */
function issuerPolicy(): TargetPolicy {
  return { allowPrivate: getConfig().viewerOidcAllowPrivateIssuers, allowLinkLocal: false };
}

const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

function configurationOf(c: OidcConfig, now: number): Promise<oidc.Configuration> {
  const key = createHash('sha256').update(JSON.stringify([c.issuer, c.clientId, c.clientSecret])).digest('hex');
  const kept = discovered.get(key);
  if (kept && now - kept.at < DISCOVERY_TTL_MS) return kept.config;
  const insecure = getConfig().viewerOidcAllowPrivateIssuers;
  const issuer = new URL(c.issuer);
  if (issuer.protocol !== 'https:' && !insecure) return Promise.reject(new Error('the issuer must be an https:// URL'));
  const config = oidc
    .discovery(issuer, c.clientId, c.clientSecret, undefined, { [oidc.customFetch]: guardedFetch(issuerPolicy()), execute: insecure ? [oidc.allowInsecureRequests] : [] })
    .catch((err: unknown) => {
      discovered.delete(key);
      throw err;
    });
  if (discovered.size > 100) discovered.clear();
  discovered.set(key, { at: now, config });
  return config;
}

/** A provider that cannot be reached or whose answer fails a check is a 502 the sign-in page explains, never a 500. */
async function fromProvider<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError) throw err;
    // openid-client wraps transport failures ("something went wrong"): the cause says what (a refused address…)
    const root = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    const detail = root instanceof Error ? root.message.slice(0, 200) : 'unknown error';
    throw new AppError(502, 'identity_provider_failed', `Single sign-on failed: ${detail}. Try again, or ask the page's owner.`);
  }
}

/** Starts a sign-in: the provider URL to send the browser to, and the browser-binding cookie value. */
export async function startOidcSignIn(db: Db, pageId: string, c: OidcConfig, next: string, now: number, base?: string): Promise<{ url: string; browserToken: string }> {
  const config = await fromProvider(() => configurationOf(c, now));
  const [state, nonce, codeVerifier, browserToken] = [oidc.randomState(), oidc.randomNonce(), oidc.randomPKCECodeVerifier(), newToken()];
  db.insert(viewerOidcFlows).values({ stateHash: hashToken(state), pageId, browserHash: hashToken(browserToken), nonce, codeVerifier, next: next.slice(0, 2000), expiresAt: now + FLOW_LIFETIME_MS }).run();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: oidcCallbackUrl(base),
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, browserToken };
}

/** The page a callback's state belongs to, spent once and only by the browser that started it. */
export function takeOidcFlow(db: Db, state: string | null, browserToken: string | null, now: number): { pageId: string; state: string; nonce: string; codeVerifier: string; next: string } {
  const refused = new ValidationError('This sign-in did not start here or took too long. Start again.');
  if (!state || !browserToken || state.length > 200) throw refused;
  const flow = db.delete(viewerOidcFlows).where(eq(viewerOidcFlows.stateHash, hashToken(state))).returning().get();
  if (!flow || flow.expiresAt <= now || flow.browserHash !== hashToken(browserToken)) throw refused;
  return { pageId: flow.pageId, state, nonce: flow.nonce, codeVerifier: flow.codeVerifier, next: flow.next };
}

/** Exchanges the code (checking state, nonce, PKCE and the ID token) and reads who signed in. */
export async function finishOidcSignIn(c: OidcConfig, flow: { state: string; nonce: string; codeVerifier: string }, callbackUrl: URL, now: number): Promise<OidcIdentity & { subject: string }> {
  const config = await fromProvider(() => configurationOf(c, now));
  const tokens = await fromProvider(() => oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true }));
  const claims = tokens.claims();
  if (!claims) throw new ValidationError('The provider sent no ID token.');
  const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
  return { subject: claims.sub, email, emailVerified: claims.email_verified === true, groups: claimGroups(claims[c.groupClaim ?? 'groups']) };
}

export function purgeOidcFlows(db: Db, now: number): void {
  db.delete(viewerOidcFlows).where(lt(viewerOidcFlows.expiresAt, now)).run();
}
