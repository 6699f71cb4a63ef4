/** Webhook payloads in Statuspage's shape and the retry policy (pure; sending lives in src/server/webhooks). */
// Decision: docs/decisions/021-webhook-delivery.md
import { backoffDelay, type Backoff } from './backoff';
import type { ComponentStatus } from './enums';
import { isoTime, type SpComponent, type SpIncident, type SpMaintenance, type SpStatus } from './statuspage';

interface WebhookMeta {
  unsubscribe: string | null;
  documentation: string;
  event: string;
  change_id: number;
  generated_at: string;
}

interface WebhookPage {
  id: string;
  status_indicator: SpStatus['indicator'];
  status_description: string;
}

export interface IncidentWebhook {
  meta: WebhookMeta;
  page: WebhookPage;
  /** Scheduled maintenance is sent as an incident with impact "maintenance", as Statuspage does. */
  incident: WebhookIncident;
}

/** Fields Statuspage's webhook incident carries beyond the v2 API's (present, null where unknown). */
export interface WebhookIncidentExtras {
  backfilled: boolean;
  scheduled_for: string | null;
  scheduled_until: string | null;
  scheduled_remind_prior: boolean | null;
  scheduled_reminded_at: string | null;
  scheduled_auto_in_progress: boolean | null;
  scheduled_auto_completed: boolean | null;
  postmortem_body_last_updated_at: string | null;
  postmortem_notified_subscribers: boolean;
}

type Updates = SpIncident['incident_updates'][number];
export type WebhookIncident = Omit<SpIncident | SpMaintenance, 'incident_updates'> &
  WebhookIncidentExtras & { impact_override: null; postmortem_ignored: boolean; postmortem_notified_twitter: boolean; incident_updates: (Omit<Updates, 'affected_components'> & { affected_components: NonNullable<Updates['affected_components']> })[] };

/** The v2 incident with the webhook-only fields; affected_components is a list (empty when none), as Statuspage sends. */
export function webhookIncident(sp: SpIncident | SpMaintenance, x: WebhookIncidentExtras): WebhookIncident {
  return {
    ...sp,
    impact_override: null,
    postmortem_ignored: false,
    postmortem_notified_twitter: false,
    ...x,
    incident_updates: sp.incident_updates.map((u) => ({ ...u, affected_components: u.affected_components ?? [] })),
  };
}

export interface ComponentWebhook {
  meta: WebhookMeta;
  page: WebhookPage;
  component_update: { id: string; created_at: string; new_status: ComponentStatus; old_status: ComponentStatus; component_id: string; component_type: 'Component' };
  component: SpComponent;
}

/** The first POST to a public subscriber: POST (or open) `confirm_url` to start deliveries; `signing_secret` verifies later bodies. */
export interface ConfirmWebhook {
  meta: WebhookMeta;
  page: WebhookPage;
  confirm_url: string;
  signing_secret: string;
}

const CONFIRM_EVENT = 'subscription.confirm';

/** An operator's test message to a channel: no change behind it, sent once (src/server/webhooks/deliver.ts). */
export interface TestWebhook {
  meta: WebhookMeta;
  page: WebhookPage;
  message: string;
}

export const TEST_EVENT = 'test';
/** The change id of a test delivery (confirmations use 0; real changes count from 1). */
export const TEST_CHANGE_ID = -1;

/** What a test message says, in every format. */
export function testMessageText(pageName: string): string {
  return `This is a test message from ${pageName}. This channel is set up: it will receive incident updates, maintenance and component status changes.`;
}

/** What a change sends (the confirmation of a public subscriber is not about a change). */
export type ChangePayload = IncidentWebhook | ComponentWebhook;
type WebhookPayload = ChangePayload | ConfirmWebhook | TestWebhook;

/** Change kinds subscribers hear about. */
export const WEBHOOK_KINDS = [
  'incident.created',
  'incident.updated',
  'incident.resolved',
  'maintenance.created',
  'maintenance.updated',
  'maintenance.started',
  'maintenance.ended',
  'component.status',
] as const;

/** The payloads follow Statuspage's webhook format, documented here. */
const WEBHOOK_DOCS = 'https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/';

export interface PayloadContext {
  pageId: string;
  status: SpStatus;
  siteUrl: string;
  changeId: number;
  kind: string;
  now: number;
}

function envelope(ctx: PayloadContext): Pick<WebhookPayload, 'meta' | 'page'> {
  return {
    meta: {
      unsubscribe: null,
      documentation: WEBHOOK_DOCS,
      event: ctx.kind,
      change_id: ctx.changeId,
      generated_at: isoTime(ctx.now),
    },
    page: { id: ctx.pageId, status_indicator: ctx.status.indicator, status_description: ctx.status.description },
  };
}

export function confirmWebhook(ctx: Omit<PayloadContext, 'kind' | 'changeId'>, confirmUrl: string, secret: string): ConfirmWebhook {
  return { ...envelope({ ...ctx, kind: CONFIRM_EVENT, changeId: 0 }), confirm_url: confirmUrl, signing_secret: secret };
}

export function testWebhook(ctx: Omit<PayloadContext, 'kind' | 'changeId'>, pageName: string): TestWebhook {
  return { ...envelope({ ...ctx, kind: TEST_EVENT, changeId: TEST_CHANGE_ID }), message: testMessageText(pageName) };
}

/** The body as sent to one subscriber: its own unsubscribe URL in meta (other formats are left as they are). */
export function withUnsubscribe(payload: string, unsubscribeUrl: string): string {
  const body = JSON.parse(payload) as { meta?: { unsubscribe?: unknown } };
  if (!body.meta || typeof body.meta !== 'object' || !('unsubscribe' in body.meta)) return payload;
  body.meta.unsubscribe = unsubscribeUrl;
  return JSON.stringify(body);
}

export function incidentWebhook(ctx: PayloadContext, incident: WebhookIncident): IncidentWebhook {
  return { ...envelope(ctx), incident };
}

export function componentWebhook(ctx: PayloadContext, component: SpComponent, change: { at: number; oldStatus: ComponentStatus; newStatus: ComponentStatus }): ComponentWebhook {
  return {
    ...envelope(ctx),
    component_update: { id: `cu${ctx.changeId}`, created_at: isoTime(change.at), new_status: change.newStatus, old_status: change.oldStatus, component_id: component.id, component_type: 'Component' },
    component,
  };
}

export interface RetryPolicy extends Backoff {
  /** A subscriber failing without a success for this long is disabled. */
  disableAfterMs: number;
}

/** After a failed attempt: disable the subscriber, or retry at the returned time. */
export function afterFailure(input: { failingSince: number | null; attempts: number; now: number }, policy: RetryPolicy): { failingSince: number; disable: boolean; nextAttemptAt: number } {
  const failingSince = input.failingSince ?? input.now;
  const disable = input.now - failingSince >= policy.disableAfterMs;
  return { failingSince, disable, nextAttemptAt: input.now + backoffDelay(input.attempts, policy) };
}
