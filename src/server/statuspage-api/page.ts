/** The page a Statuspage path names: today the one default page (its id is the v2 API's page id). */
import { NotFoundError } from '../errors';
import { getConfig } from '../config';
import { pageIdentity } from '../queries/identity';
import { getSettings } from '../queries/settings';
import { lastChangeQ } from '../queries/public';
import type { VerbContext } from '../features/verb';

export interface SpPageRef {
  id: string;
  name: string;
  url: string;
  updatedAt: number;
}

/** Every page the key may manage. The several-pages issue extends this one function. */
export function listPages(ctx: VerbContext): SpPageRef[] {
  const settings = getSettings(ctx.db);
  return [
    {
      id: pageIdentity(ctx.db, ctx.now).pageId,
      name: settings.pageName,
      url: getConfig().siteUrl,
      updatedAt: lastChangeQ(ctx.db).get()?.at ?? ctx.now,
    },
  ];
}

/** The page `pageId` names, or a 404. */
export function findPage(ctx: VerbContext, pageId: string): SpPageRef {
  const page = listPages(ctx).find((p) => p.id === pageId);
  if (!page) throw new NotFoundError('The requested resource could not be found.');
  return page;
}
