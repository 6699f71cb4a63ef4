/** The public subscriber forms get the admin's origin check (the one-click unsubscribe alone is exempt: mail clients post it). */
import { isCrossOrigin } from '../../auth/guard';
import { getConfig } from '../../config';
import { ForbiddenError } from '../../errors';

export function assertSameOrigin(request: Request): void {
  if (isCrossOrigin(request.method, request.headers, getConfig().siteUrl)) throw new ForbiddenError('Cross-origin form posts are refused.');
}
