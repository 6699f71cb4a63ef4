/**
 * Stands in for Astro's /_image endpoint, which an SSR build always injects: nothing here uses astro:assets, and
 * the stock endpoint answered 500 to anyone asking it to convert /favicon.svg. Rewritten to src/pages/404.astro: an
 * empty 404 would become the front layer's shared not-found page for every unknown path.
 */
import type { APIRoute } from 'astro';

export const prerender = false;

export const ALL: APIRoute = (ctx) => ctx.rewrite('/404');
