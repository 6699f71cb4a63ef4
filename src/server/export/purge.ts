/** PURGE_COMMAND: after each change, runs once with the cache tags it made stale in $PURGE_TAGS (space-separated). */
import { onChange } from '../changes';
import type { Db } from '../db';
import { tagsForChanges } from '../http/cache-tags';
import type { Logger } from '../log';
import { changesAfter, tagLookups } from '../queries/cache-tags';
import { currentChangeId } from '../queries/changes';
import { runCommand } from './mirror-sync';

export function startPurger(db: Db, command: string | null, log: Logger, commandEnv: readonly string[] = []): (() => void) | null {
  if (!command) return null;
  const look = tagLookups(db);
  let seen = currentChangeId(db);
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) return void (again = true);
    running = true;
    try {
      do {
        again = false;
        const { maxId, entries } = changesAfter(db, seen);
        if (entries.length === 0) break;
        const tags = tagsForChanges(entries, look, Date.now());
        seen = maxId;
        try {
          await runCommand(command, { PURGE_TAGS: tags.join(' ') }, commandEnv);
        } catch (err) {
          // A failed purge leaves the CDN serving until s-maxage runs out (seconds); not retried.
          log.warn('purge command failed', { tags: tags.join(' '), error: (err as Error).message });
        }
      } while (again);
    } finally {
      running = false;
    }
  };
  return onChange(() => void run());
}
