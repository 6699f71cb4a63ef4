/** Signing out: this session, or every session of the signed-in user. */
import { deleteSession, deleteUserSessions } from '../../auth/sessions';
import { recordAudit } from '../../services/journal';
import { completeSetup as completeSetupService } from '../../services/users';
import { defineVerb, withTransaction } from '../verb';
import { SetupInput, SignOut } from './schemas';

export const signOut = defineVerb('session.signOut', 'session.signOut', SignOut, (ctx, d) => {
  const userId = ctx.actor.type === 'user' ? ctx.actor.userId : undefined;
  if (d.everywhere && userId !== undefined) {
    withTransaction(ctx, () => {
      deleteUserSessions(ctx.db, userId);
      recordAudit(ctx.db, ctx.now, ctx.actor, 'user.logout_everywhere', 'user', userId);
    });
  } else if (d.session_id) deleteSession(ctx.db, d.session_id);
});

/** Creates the first admin; the token (printed on the console at first start) is the permission. */
export const completeSetup = defineVerb('setup.complete', 'setup.complete', SetupInput, (ctx, d) => completeSetupService(ctx.db, d.token, { email: d.email, password: d.password }, ctx.now));
