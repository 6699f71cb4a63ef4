/** What the admin sees of a page's viewer access: the configuration (secret withheld) as form values, and its tokens. */
import { authorize } from '../../auth/permissions';
import { accessPageId, describeAccessConfig, readAccessConfig } from '../../viewer-access/config';
import { isPublicPage } from '../../../domain/pages';
import { listPages, pageNameOf } from '../../queries/pages';
import { listPageTokens } from '../../viewer-access/tokens';
import type { VerbContext } from '../verb';

const lines = (xs: readonly string[] | undefined) => (xs ?? []).join('\n');

/** The page's access as the admin form's fields (one item per line; audience groups as JSON), and every viewer token. */
export function viewerAccessForAdmin(ctx: VerbContext, pageId: string) {
  authorize(ctx.actor, 'viewerAccess.read');
  const config = readAccessConfig(ctx.db, pageId);
  const shown = config && describeAccessConfig(config);
  const values: Record<string, string> = {
    page_id: pageId,
    email_addresses: lines(shown?.emailLink?.addresses),
    email_domains: lines(shown?.emailLink?.domains),
    ip_allowlist: lines(shown?.ipAllowlist),
    oidc_issuer: shown?.oidc?.issuer ?? '',
    oidc_client_id: shown?.oidc?.clientId ?? '',
    oidc_allowed_domains: lines(shown?.oidc?.allowedDomains),
    oidc_group_claim: shown?.oidc?.groupClaim ?? '',
    oidc_allowed_groups: lines(shown?.oidc?.allowedGroups),
    audience_groups: shown?.audience?.length
      ? JSON.stringify(shown.audience.map((g) => ({ name: g.name, addresses: g.addresses, domains: g.domains, oidc_groups: g.oidcGroups, component_ids: g.componentIds })), null, 2)
      : '',
  };
  return { exists: config !== null, secretSet: shown?.oidcSecretSet ?? false, values, tokens: listPageTokens(ctx.db, pageId) };
}

/** The pages whose access an admin configures: the private and audience pages, as select options. */
export function viewerAccessPageChoices(ctx: VerbContext): { value: string; label: string }[] {
  authorize(ctx.actor, 'viewerAccess.read');
  return listPages(ctx.db)
    .filter((p) => !isPublicPage(p))
    .map((p) => ({ value: accessPageId(p), label: `${pageNameOf(ctx.db, p)} (${p.visibility})` }));
}
