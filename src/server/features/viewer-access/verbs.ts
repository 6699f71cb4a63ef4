/** Viewer access verbs: the admin's configuration and token revocation, and a viewer's own feed tokens. */
import { ForbiddenError, ValidationError } from '../../errors';
import { recordAudit, recordChange } from '../../services/journal';
import { systemActor } from '../../services/actor';
import { accessPageId, describeAccessConfig, readAccessConfig, writeAccessConfig, type PageAccessConfig } from '../../viewer-access/config';
import { findViewerSession } from '../../viewer-access/sessions';
import { createViewerToken, revokeViewerToken } from '../../viewer-access/tokens';
import { defineVerb, withTransaction, type VerbContext } from '../verb';
import { ConfigureViewerAccess, ConsumeLink, CreateOwnToken, RequestLink, RevokeOwnToken, RevokeViewerToken } from './schemas';
import { requestViewerLink } from '../../viewer-access/email-link';
import { signInWithLink } from '../../viewer-access/sign-in';
import { getSettings } from '../../queries/settings';
import { listPages, pageNameOf } from '../../queries/pages';
import { signInBaseUrl } from '../../viewer-access/http';
import { getConfig } from '../../config';
import { isPublicPage } from '../../../domain/pages';
import type { z } from 'zod';

type Configure = z.output<typeof ConfigureViewerAccess>;

/** The name and address a sign-in e-mail shows: the private host's own page, else the install's (a `?page=` sign-in). */
function signInPageOf(ctx: VerbContext): { name: string; url: string } {
  const page = ctx.page;
  if (!page || isPublicPage(page)) return { name: getSettings(ctx.db).pageName, url: getConfig().siteUrl };
  return { name: pageNameOf(ctx.db, page), url: signInBaseUrl(page) };
}

/** The plain object checkViewer reads; a blank secret keeps the stored one. */
function configOf(d: Configure, before: PageAccessConfig | null): PageAccessConfig {
  const emailLink = d.email_addresses.length + d.email_domains.length ? { emailLink: { addresses: d.email_addresses, domains: d.email_domains } } : {};
  const ip = d.ip_allowlist.length ? { ipAllowlist: d.ip_allowlist } : {};
  const audience = d.audience_groups.length
    ? { audience: d.audience_groups.map((g) => ({ name: g.name, addresses: g.addresses, domains: g.domains, oidcGroups: g.oidc_groups, componentIds: g.component_ids })) }
    : {};
  const secret = d.oidc_client_secret ?? before?.oidc?.clientSecret ?? '';
  const oidc = d.oidc_issuer && d.oidc_client_id
    ? { oidc: { issuer: d.oidc_issuer, clientId: d.oidc_client_id, clientSecret: secret, allowedDomains: d.oidc_allowed_domains, groupClaim: d.oidc_group_claim, allowedGroups: d.oidc_allowed_groups } }
    : {};
  return { pageId: d.page_id, ...emailLink, ...oidc, ...ip, ...audience };
}

/** Access is configured for a private or audience page of the pages table only (422 otherwise). */
function assertPrivatePage(ctx: VerbContext, pageId: string): void {
  const page = listPages(ctx.db).find((p) => accessPageId(p) === pageId);
  if (!page) throw new ValidationError('Choose a page.', { page_id: 'No such page.' });
  if (isPublicPage(page)) throw new ValidationError('Choose a private page.', { page_id: `"${page.name}" is public: make it private or audience first.` });
}

/** Replaces a page's viewer access; the audit entry shows whether a secret is set, never the secret. */
export const configureViewerAccess = defineVerb('viewerAccess.configure', 'viewerAccess.configure', ConfigureViewerAccess, (ctx, d) =>
  withTransaction(ctx, () => {
    assertPrivatePage(ctx, d.page_id);
    const before = readAccessConfig(ctx.db, d.page_id);
    const after = configOf(d, before);
    writeAccessConfig(ctx.db, after, ctx.now);
    const shown = describeAccessConfig(after);
    recordAudit(ctx.db, ctx.now, ctx.actor, 'viewerAccess.configure', 'page', d.page_id, { before: before && describeAccessConfig(before), after: shown });
    recordChange(ctx.db, ctx.now, 'viewerAccess.updated', 'page', d.page_id);
    return shown;
  }),
);

export const revokeAnyViewerToken = defineVerb('viewerToken.revokeAny', 'viewerToken.revokeAny', RevokeViewerToken, (ctx, d) =>
  withTransaction(ctx, () => {
    const owner = revokeViewerToken(ctx.db, d.token_id, ctx.now);
    recordAudit(ctx.db, ctx.now, ctx.actor, 'viewerToken.revoke', 'viewer_token', d.token_id, { note: `${owner.email} on page ${owner.pageId}` });
  }),
);

/** The signed-in viewer with an address (tokens belong to an address; an IP-allowed visitor has none). */
function viewerOwner(ctx: VerbContext, sessionToken: string | null | undefined): { pageId: string; email: string; oidcGroups: string[] } {
  const s = findViewerSession(ctx.db, sessionToken, ctx.now);
  if (!s) throw new ForbiddenError('Sign in to this page first.');
  if (!s.email) throw new ForbiddenError('Sign in with your e-mail address or single sign-on to get a feed token.');
  return { pageId: s.pageId, email: s.email, oidcGroups: s.oidcGroups };
}

const byViewer = (email: string, ip: string | null | undefined) => systemActor(`viewer:${email}`, ip ?? null);

export const createOwnViewerToken = defineVerb('viewerToken.create', 'viewerToken.create', CreateOwnToken, (ctx, d) => {
  const owner = viewerOwner(ctx, d.viewer_session);
  return withTransaction(ctx, () => {
    const made = createViewerToken(ctx.db, owner, d.name, ctx.now);
    recordAudit(ctx.db, ctx.now, byViewer(owner.email, ctx.actor.ip), 'viewerToken.create', 'viewer_token', made.id, { note: `page ${owner.pageId}` });
    return made;
  });
});

export const revokeOwnViewerToken = defineVerb('viewerToken.revoke', 'viewerToken.revoke', RevokeOwnToken, (ctx, d) => {
  const owner = viewerOwner(ctx, d.viewer_session);
  withTransaction(ctx, () => {
    revokeViewerToken(ctx.db, d.token_id, ctx.now, owner);
    recordAudit(ctx.db, ctx.now, byViewer(owner.email, ctx.actor.ip), 'viewerToken.revoke', 'viewer_token', d.token_id, { note: `page ${owner.pageId}` });
  });
});

/** Asks for a sign-in link: the same answer whether the page lists the address or not (the caller says LINK_SENT_MESSAGE). */
export const requestSignInLink = defineVerb('viewer.requestLink', 'viewer.requestLink', RequestLink, (ctx, d) =>
  withTransaction(ctx, () => requestViewerLink(ctx.db, readAccessConfig(ctx.db, d.page_id), { email: d.email, next: d.next ?? '/' }, ctx.actor.ip ?? null, signInPageOf(ctx), ctx.now)),
);

/** Spends a one-time link: a new viewer session (its cookie token) on the link's page. */
export const signInByLink = defineVerb('viewer.signInByLink', 'viewer.signInByLink', ConsumeLink, (ctx, d) => signInWithLink(ctx.db, d.token, ctx.actor.ip ?? null, ctx.now));
