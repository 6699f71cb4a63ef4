import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';

/** Post-mortems written as files: content/postmortems/YYYY-MM-DD-slug.md */
const postmortems = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './content/postmortems' }),
  schema: z.object({
    title: z.string(),
    incident: z.union([z.number().int(), z.string()]),
    published: z.coerce.date(),
    summary: z.string().optional(),
  }),
});

export const collections = { postmortems };
