/** Subscriber CSV: `email,status,components,created_at,last_sent_at` out; `email[,components]` in (components by slug, `;`-separated). */
import { ValidationError } from '../../errors';
import type { Db } from '../../db';
import { listComponentRefs } from '../../queries/public';
import type { SubscriberListRow } from '../../queries/subscribers';
import { email as emailSchema } from './schemas';

const cell = (s: string) => (/[",\r\n]/.test(s) || /^[=+\-@\t]/.test(s) ? `"${(/^[=+\-@\t]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s);
const iso = (t: number | null) => (t === null ? '' : new Date(t).toISOString());

export function subscribersCsv(rows: SubscriberListRow[]): string {
  const lines = ['email,status,components,created_at,last_sent_at'];
  for (const r of rows) lines.push([r.email, r.status, r.all ? 'all' : r.components.join(';'), iso(r.createdAt), iso(r.lastSentAt)].map(cell).join(','));
  return lines.join('\r\n') + '\r\n';
}

function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/** Reads an import; a header row is optional; every bad line is reported at once. */
export function parseSubscriberCsv(db: Db, csv: string): { email: string; componentIds: number[] }[] {
  const bySlug = new Map(listComponentRefs(db).map((c) => [c.slug, c.id]));
  const rows: { email: string; componentIds: number[] }[] = [];
  const errors: string[] = [];
  csv.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || (i === 0 && /^email\b/i.test(line.trim()))) return;
    const [rawEmail, rawComponents = ''] = splitLine(line);
    const e = emailSchema.safeParse(rawEmail);
    if (!e.success) return void errors.push(`line ${i + 1}: "${rawEmail}" is not an e-mail address`);
    const slugs = rawComponents === '' || rawComponents === 'all' ? [] : rawComponents.split(';').map((s) => s.trim()).filter(Boolean);
    const unknown = slugs.filter((s) => !bySlug.has(s));
    if (unknown.length) return void errors.push(`line ${i + 1}: unknown component ${unknown.join(', ')}`);
    rows.push({ email: e.data, componentIds: slugs.map((s) => bySlug.get(s)!) });
  });
  if (errors.length) throw new ValidationError(`The file was not imported: ${errors.slice(0, 10).join('; ')}${errors.length > 10 ? '…' : ''}`, { csv: errors.slice(0, 10).join('; ') });
  if (rows.length === 0) throw new ValidationError('The file holds no addresses.', { csv: 'The file holds no addresses.' });
  return rows;
}
