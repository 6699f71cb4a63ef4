/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./server/auth/sessions').SessionUser | null;
    sessionId: string | null;
    apiKey: { id: number; name: string } | null;
    now: number;
    /** The client's IP (see TRUST_PROXY), for rate limits and the audit log. */
    ip: string | null;
    /** The change-log id known when the request started (live updates resume from it). */
    changeVersion: number;
  }
}
