/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./server/auth/sessions').SessionUser | null;
    sessionId: string | null;
    apiKey: import('./server/services/actor').RequestIdentity['apiKey'];
    now: number;
    /** The client's IP (see TRUST_PROXY), for rate limits and the audit log. */
    ip: string | null;
    /** True while the static export renders this (never publicly cached) page: what needs the server says where to go. */
    mirror: boolean;
    /** The change-log id known when the request started (live updates resume from it). */
    changeVersion: number;
    /** Who is asking, built once from the session or API key (see actorFor). */
    actor: import('./server/services/actor').Actor;
    /** What every verb and operator query receives: database, clock, actor. */
    ctx: import('./server/features/verb').VerbContext;
    /** The status page this request's Host names (issue 24); public reads show only its records. */
    page: import('./server/queries/pages').PageScope;
  }
}
