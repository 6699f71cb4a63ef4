/** Status page verbs (issue 24): admins only. */
import * as pages from '../../services/pages';
import { defineVerb } from '../verb';
import { PageCreate, PageRef, PageUpdate } from './schemas';

export const createPage = defineVerb('page.create', 'page.create', PageCreate, (ctx, d) => pages.createPage(ctx.db, d, ctx.actor, ctx.now));

export const updatePage = defineVerb('page.update', 'page.update', PageUpdate, (ctx, { page_id, ...d }) => pages.updatePage(ctx.db, page_id, d, ctx.actor, ctx.now));

export const deletePage = defineVerb('page.delete', 'page.delete', PageRef, (ctx, d) => pages.deletePage(ctx.db, d.page_id, ctx.actor, ctx.now));
