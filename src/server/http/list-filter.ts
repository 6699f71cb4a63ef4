/** A GET filter form read with its zod schema: the parsed filter, or field messages next to what was typed. */
import type { z } from 'zod';
import { zodFields } from './api-response';

export interface ListFilter<T> {
  values: Record<string, string>;
  errors: Record<string, string>;
  filter: T | null;
}

/** Reads the query string with `schema`; a bad value is reported on its field, never a 500. */
export function readListFilter<S extends z.ZodType>(schema: S, search: URLSearchParams): ListFilter<z.output<S>> {
  const values = Object.fromEntries(search);
  const r = schema.safeParse(values);
  return r.success ? { values, errors: {}, filter: r.data } : { values, errors: zodFields(r.error), filter: null };
}

/** The same query with another page number (the other filters kept, in their order; the page last), for the pager's links. */
export function pageHref(path: string, values: Record<string, string>, page: number): string {
  const q = new URLSearchParams(Object.entries(values).filter(([k]) => k !== 'page'));
  q.set('page', String(page));
  return `${path}?${q}`;
}
