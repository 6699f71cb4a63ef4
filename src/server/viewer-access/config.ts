/** A private page's access configuration: the plain object checkViewer takes, and its row in viewer_access_pages. */
import { eq } from 'drizzle-orm';
import { viewerAccessPages } from '../../../db/schema';
import type { AudienceGroup } from '../../domain/viewer-access';
import type { Db } from '../db';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string[];
  /** The ID token claim holding the viewer's groups (default `groups`). */
  groupClaim?: string;
  allowedGroups?: string[];
}

/** What checkViewer needs to know about one page; absent parts are sign-in methods the page does not offer. */
export interface PageAccessConfig {
  pageId: string;
  emailLink?: { addresses: string[]; domains: string[] };
  oidc?: OidcConfig;
  /** CIDRs, v4 and v6. */
  ipAllowlist?: string[];
  /** Set on an audience page: each group sees its own components. */
  audience?: AudienceGroup[];
}

/** The stored form: everything but the client secret. */
type StoredConfig = Omit<PageAccessConfig, 'pageId' | 'oidc'> & { oidc?: Omit<OidcConfig, 'clientSecret'> };

/** A page's key in viewer_access_pages. */
export const accessPageId = (page: { id: number }): string => String(page.id);

/** The page's access configuration with its secret (for checkViewer), or null when the page has none. */
export function readAccessConfig(db: Db, pageId: string): PageAccessConfig | null {
  const row = db.select().from(viewerAccessPages).where(eq(viewerAccessPages.pageId, pageId)).get();
  if (!row) return null;
  const stored = JSON.parse(row.config) as StoredConfig;
  const { oidc, ...rest } = stored;
  return { pageId, ...rest, ...(oidc ? { oidc: { ...oidc, clientSecret: row.oidcClientSecret ?? '' } } : {}) };
}

/** What an admin may see of it: the secret replaced by whether one is stored. */
export function describeAccessConfig(config: PageAccessConfig): StoredConfig & { pageId: string; oidcSecretSet: boolean } {
  const { oidc, ...rest } = config;
  if (!oidc) return { ...rest, oidcSecretSet: false };
  const { clientSecret, ...shown } = oidc;
  return { ...rest, oidc: shown, oidcSecretSet: clientSecret !== '' };
}

/** Writes the whole configuration; call inside the verb's transaction. */
export function writeAccessConfig(db: Db, config: PageAccessConfig, now: number): void {
  const { pageId, oidc, ...rest } = config;
  const stored: StoredConfig = { ...rest, ...(oidc ? { oidc: { issuer: oidc.issuer, clientId: oidc.clientId, allowedDomains: oidc.allowedDomains, groupClaim: oidc.groupClaim, allowedGroups: oidc.allowedGroups } } : {}) };
  const values = { config: JSON.stringify(stored), oidcClientSecret: oidc?.clientSecret ?? null, updatedAt: now };
  db.insert(viewerAccessPages).values({ pageId, ...values }).onConflictDoUpdate({ target: viewerAccessPages.pageId, set: values }).run();
}

/** The sign-in methods a page offers a visitor, for its sign-in page; a page with none is unknown. */
export function signInMethodsOf(db: Db, pageId: string | null): { pageId: string; email: boolean; sso: boolean } | null {
  const config = pageId ? readAccessConfig(db, pageId) : null;
  return config && { pageId: config.pageId, email: config.emailLink !== undefined, sso: config.oidc !== undefined };
}
