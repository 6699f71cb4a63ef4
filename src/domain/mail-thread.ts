/**
 * Threading of subscriber e-mail: every message of one incident (or one maintenance window) to one subscriber
 * shares a thread; its first message is the thread's root, the others reply to it (RFC 5322 In-Reply-To/References).
 */

/** The thread an outbox event belongs to (`incident:5`), or null for mail that stands alone (confirmations…). */
export function mailThread(entity: string, entityId: string | number): string | null {
  return entity === 'incident' || entity === 'maintenance' ? `${entity}:${entityId}` : null;
}

/** The Message-ID of the thread's root for one subscriber: the same for every message of the thread. */
export function threadRootId(thread: string, subscriberId: number, host: string): string {
  return `<${thread.replace(':', '-')}.s${subscriberId}@${host}>`;
}

/** Threading headers: the opening message takes the root's id; later ones get their own and point at the root. */
export function threadHeaders(o: { thread: string; opens: boolean; changeId: number; subscriberId: number; host: string }): Record<string, string> {
  const root = threadRootId(o.thread, o.subscriberId, o.host);
  if (o.opens) return { 'Message-ID': root };
  return { 'Message-ID': `<change-${o.changeId}.s${o.subscriberId}@${o.host}>`, 'In-Reply-To': root, References: root };
}

/** RFC 2919 List-Id: the page's name as the phrase (accents dropped, printable ASCII only, quoted), the host as the id. */
export function listId(pageName: string, host: string): string {
  const ascii = pageName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const phrase = ascii.replace(/[^\x20-\x7e]|["\\]/g, '').replace(/\s+/g, ' ').trim();
  return phrase ? `"${phrase}" <${host}>` : `<${host}>`;
}

/** Headers every notification carries besides its links: it is list mail, sent by a machine (RFC 3834). */
export function listHeaders(pageName: string, host: string): Record<string, string> {
  return { 'List-Id': listId(pageName, host), 'Auto-Submitted': 'auto-generated' };
}
