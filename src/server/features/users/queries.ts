/** Admin-only reads of operator accounts and API keys. */
import { authorize } from '../../auth/permissions';
import { listApiKeys, listUsers } from '../../queries/admin';
import type { VerbContext } from '../verb';

export function listUsersForAdmin(ctx: VerbContext): ReturnType<typeof listUsers> {
  authorize(ctx.actor, 'user.read');
  return listUsers(ctx.db);
}

export function listApiKeysForAdmin(ctx: VerbContext): ReturnType<typeof listApiKeys> {
  authorize(ctx.actor, 'apikey.read');
  return listApiKeys(ctx.db);
}
