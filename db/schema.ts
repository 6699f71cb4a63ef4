/** The one Drizzle schema. Times are integer milliseconds since the Unix epoch, UTC. */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BRAND_SLOTS } from '../src/domain/brand';
import { MAIL_LANES } from '../src/domain/mail-lanes';
import { PAGE_VISIBILITIES } from '../src/domain/pages';
import {
  API_KEY_SCOPES,
  WEBHOOK_FORMATS,
  COMPONENT_STATUSES,
  DECLARATION_SOURCES,
  IMPACTS,
  INCIDENT_STATUSES,
  UPDATE_KINDS,
  INTERVAL_SOURCES,
  MAINTENANCE_STATUSES,
  MONITOR_TYPES,
  ROLES,
} from '../src/domain/enums';

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// --- branding (issue 12): uploaded logos and favicon, served from /brand/<slot>
export const brandAssets = sqliteTable('brand_assets', {
  slot: text('slot', { enum: BRAND_SLOTS }).primaryKey(),
  contentType: text('content_type').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  /** sha-256 hex of the bytes: the ETag and the cache-busting `?v=`. */
  hash: text('hash').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
// --- end branding

export const componentGroups = sqliteTable('component_groups', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  description: text('description'),
  position: integer('position').notNull().default(0),
  collapsed: integer('collapsed', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull().default(now),
  updatedAt: integer('updated_at').notNull().default(now),
});

export const components = sqliteTable(
  'components',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    groupId: integer('group_id').references(() => componentGroups.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    target: real('target').notNull().default(99.9),
    visible: integer('visible', { mode: 'boolean' }).notNull().default(true),
    onlyShowIfDegraded: integer('only_show_if_degraded', { mode: 'boolean' }).notNull().default(false),
    /** Issue 14: show uptime bars (Statuspage's `showcase`). */
    showcase: integer('showcase', { mode: 'boolean' }).notNull().default(true),
    /** When measurement began (may be backdated). */
    startDate: integer('start_date').notNull(),
    /** Status set by an operator or an incident; null = follow monitors. */
    manualStatus: text('manual_status', { enum: COMPONENT_STATUSES }),
    monitorStatus: text('monitor_status', { enum: COMPONENT_STATUSES }),
    /** Effective status (a cache of the open status interval). */
    status: text('status', { enum: COMPONENT_STATUSES }).notNull().default('operational'),
    statusChangedAt: integer('status_changed_at').notNull().default(now),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('components_slug_uq').on(t.slug), index('components_group_idx').on(t.groupId)],
);

export const statusIntervals = sqliteTable(
  'status_intervals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    componentId: integer('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    status: text('status', { enum: COMPONENT_STATUSES }).notNull(),
    source: text('source', { enum: INTERVAL_SOURCES }).notNull(),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
    incidentId: integer('incident_id'),
    maintenanceId: integer('maintenance_id'),
    actor: text('actor'),
    /** A maintenance window covers this stretch: maintenance time, never downtime. */
    maintenance: integer('maintenance', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('status_intervals_component_start_idx').on(t.componentId, t.startedAt),
    index('status_intervals_open_idx').on(t.componentId, t.endedAt),
    // the newest row per component in O(log n): the day-bar cache's version of a component's history
    index('status_intervals_component_id_idx').on(t.componentId, t.id),
  ],
);

/**
 * What each source declares for a component over [started_at, ended_at) (null = until further notice): the
 * record itself. status_intervals and daily_rollups are a cache derived from it.
 */
export const statusDeclarations = sqliteTable(
  'status_declarations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    componentId: integer('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    source: text('source', { enum: DECLARATION_SOURCES }).notNull(),
    /** The incident or maintenance id; null for monitors and operators (one per component). */
    sourceId: integer('source_id'),
    status: text('status', { enum: COMPONENT_STATUSES }).notNull(),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
  },
  (t) => [
    index('status_declarations_component_start_idx').on(t.componentId, t.startedAt),
    index('status_declarations_source_idx').on(t.source, t.sourceId),
  ],
);

/** Seconds per status per component per UTC day (day = days since epoch), maintained as intervals close. */
export const dailyRollups = sqliteTable(
  'daily_rollups',
  {
    componentId: integer('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    day: integer('day').notNull(),
    operationalS: real('operational_s').notNull().default(0),
    maintenanceS: real('maintenance_s').notNull().default(0),
    degradedS: real('degraded_s').notNull().default(0),
    partialS: real('partial_s').notNull().default(0),
    majorS: real('major_s').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.componentId, t.day] })],
);

export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    impact: text('impact', { enum: IMPACTS }).notNull(),
    status: text('status', { enum: INCIDENT_STATUSES }).notNull(),
    startedAt: integer('started_at').notNull(),
    identifiedAt: integer('identified_at'),
    monitoringAt: integer('monitoring_at'),
    resolvedAt: integer('resolved_at'),
    /** A draft (e.g. opened by a monitor) is invisible until published. */
    draft: integer('draft', { mode: 'boolean' }).notNull().default(false),
    /** When a draft was published (its updates are public from then on); null for an incident never a draft. */
    publishedAt: integer('published_at'),
    excludedFromSla: integer('excluded_from_sla', { mode: 'boolean' }).notNull().default(false),
    exclusionReason: text('exclusion_reason'),
    postmortemMd: text('postmortem_md'),
    postmortemPublishedAt: integer('postmortem_published_at'),
    postmortemUpdatedAt: integer('postmortem_updated_at'),
    formToken: text('form_token'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('incidents_started_idx').on(t.startedAt), index('incidents_resolved_idx').on(t.resolvedAt), index('incidents_status_idx').on(t.status), uniqueIndex('incidents_form_token_uq').on(t.formToken)],
);

export const incidentComponents = sqliteTable(
  'incident_components',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    componentId: integer('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    /** The operator kept the component's hand-set status when resolving (issue 25); otherwise it ended with the incident. */
    keepManual: integer('keep_manual', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.componentId] }), index('incident_components_component_idx').on(t.componentId)],
);

export const incidentUpdates = sqliteTable(
  'incident_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    status: text('status', { enum: INCIDENT_STATUSES }).notNull(),
    body: text('body').notNull(),
    displayAt: integer('display_at').notNull(),
    /** `note`: a record of an edit (e.g. impact changed) that never moves the incident's timeline. */
    kind: text('kind', { enum: UPDATE_KINDS }).notNull().default('update'),
    author: text('author'),
    formToken: text('form_token'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    index('incident_updates_incident_idx').on(t.incidentId, t.displayAt),
    uniqueIndex('incident_updates_form_token_uq').on(t.formToken),
  ],
);

/** Component statuses set by one update (Statuspage's affected_components). */
export const incidentUpdateComponents = sqliteTable(
  'incident_update_components',
  {
    updateId: integer('update_id')
      .notNull()
      .references(() => incidentUpdates.id, { onDelete: 'cascade' }),
    componentId: integer('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    oldStatus: text('old_status', { enum: COMPONENT_STATUSES }).notNull(),
    newStatus: text('new_status', { enum: COMPONENT_STATUSES }).notNull(),
    /** The status this update declares for the component; null when the row only records a release. */
    declaredStatus: text('declared_status', { enum: COMPONENT_STATUSES }),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.componentId] })],
);

export const incidentTemplates = sqliteTable('incident_templates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  impact: text('impact', { enum: IMPACTS }).notNull(),
  /** The whole update a template declares: status, component statuses (JSON: component id → status) and the notify choice. */
  status: text('status', { enum: INCIDENT_STATUSES }).notNull().default('investigating'),
  components: text('components').notNull().default('{}'),
  notify: integer('notify', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull().default(now),
});

export const maintenances = sqliteTable(
  'maintenances',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    scheduledFor: integer('scheduled_for').notNull(),
    scheduledUntil: integer('scheduled_until').notNull(),
    status: text('status', { enum: MAINTENANCE_STATUSES }).notNull().default('scheduled'),
    startedAt: integer('started_at'),
    completedAt: integer('completed_at'),
    /** deliver_notifications (the services default it to true; the column default stays to avoid a table rebuild). */
    notify: integer('notify', { mode: 'boolean' }).notNull().default(false),
    /** Minutes before the start at which subscribers get a reminder (null = none). */
    remindPriorMinutes: integer('remind_prior_minutes').default(60),
    remindedAt: integer('reminded_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('maintenances_window_idx').on(t.scheduledFor, t.scheduledUntil), index('maintenances_status_idx').on(t.status)],
);

export const maintenanceComponents = sqliteTable(
  'maintenance_components',
  {
    maintenanceId: integer('maintenance_id')
      .notNull()
      .references(() => maintenances.id, { onDelete: 'cascade' }),
    componentId: integer('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.maintenanceId, t.componentId] }), index('maintenance_components_component_idx').on(t.componentId)],
);

/** Progress notes posted while a window runs (Statuspage's maintenance incident_updates). */
export const maintenanceUpdates = sqliteTable(
  'maintenance_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    maintenanceId: integer('maintenance_id')
      .notNull()
      .references(() => maintenances.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    author: text('author'),
    formToken: text('form_token'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('maintenance_updates_maintenance_idx').on(t.maintenanceId, t.createdAt), uniqueIndex('maintenance_updates_form_token_uq').on(t.formToken)],
);

export const monitors = sqliteTable(
  'monitors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    componentId: integer('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type', { enum: MONITOR_TYPES }).notNull(),
    /** Type-specific settings as JSON (url, method, headers, expected status, keyword, host, port…). */
    config: text('config').notNull(),
    intervalS: integer('interval_s').notNull().default(60),
    timeoutMs: integer('timeout_ms').notNull().default(10_000),
    failThreshold: integer('fail_threshold').notNull().default(3),
    recoverThreshold: integer('recover_threshold').notNull().default(2),
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    /** Flap-control state: 'up' | 'down' | 'degraded' plus streak counters, as JSON. */
    state: text('state').notNull().default('{}'),
    lastCheckedAt: integer('last_checked_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('monitors_component_idx').on(t.componentId)],
);

export const monitorResults = sqliteTable(
  'monitor_results',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    monitorId: integer('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    degraded: integer('degraded', { mode: 'boolean' }).notNull().default(false),
    latencyMs: real('latency_ms'),
    statusCode: integer('status_code'),
    error: text('error'),
    certExpiresAt: integer('cert_expires_at'),
  },
  (t) => [index('monitor_results_monitor_at_idx').on(t.monitorId, t.at), index('monitor_results_at_idx').on(t.at)],
);

/** Per-monitor running totals behind /metrics: checks by result and the latency histogram, only ever rising (raw results are pruned). */
export const monitorCheckTotals = sqliteTable('monitor_check_totals', {
  monitorId: integer('monitor_id')
    .primaryKey()
    .references(() => monitors.id, { onDelete: 'cascade' }),
  up: integer('up').notNull().default(0),
  degraded: integer('degraded').notNull().default(0),
  down: integer('down').notNull().default(0),
  /** Per-bucket (not cumulative) counts for CHECK_LATENCY_BUCKETS_S and +Inf, as a JSON array. */
  buckets: text('buckets').notNull().default('[]'),
  latencySumS: real('latency_sum_s').notNull().default(0),
  latencyCount: integer('latency_count').notNull().default(0),
});

/** Per-monitor daily figures, kept forever. */
export const monitorDaily = sqliteTable(
  'monitor_daily',
  {
    monitorId: integer('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    day: integer('day').notNull(),
    checks: integer('checks').notNull(),
    failures: integer('failures').notNull(),
    p50: real('p50'),
    p95: real('p95'),
    p99: real('p99'),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.day] })],
);

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    name: text('name'),
    role: text('role', { enum: ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    lastLoginAt: integer('last_login_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const setupTokens = sqliteTable('setup_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('login_attempts_key_at_idx').on(t.key, t.at)],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    prefix: text('prefix').notNull(),
    /** Issue 14: `read`, `write` or `admin`; keys made before scopes existed keep admin rights. */
    scope: text('scope', { enum: API_KEY_SCOPES }).notNull().default('admin'),
    createdBy: text('created_by'),
    /**
     * Issue 22: the user the key acts for (the lesser of scope and their role; nothing once disabled or deleted).
     * Null: made at the console, or before holders were stored (then created_by names the user by e-mail).
     * No foreign key: a deleted holder must leave a dangling id that refuses the key, not a null that frees it.
     */
    ownerUserId: integer('owner_user_id'),
    createdAt: integer('created_at').notNull().default(now),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash), index('api_keys_name_idx').on(t.name), index('api_keys_owner_idx').on(t.ownerUserId)],
);

/** Append-only record of every change by a person, a key or the system. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorType: text('actor_type', { enum: ['user', 'apikey', 'system', 'cli'] }).notNull(),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before'),
    after: text('after'),
    ip: text('ip'),
    note: text('note'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_entity_idx').on(t.entity, t.entityId)],
);

/** Monotonic counter of public changes: drives caches, ETags, live updates and webhooks. */
export const changeLog = sqliteTable('change_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: integer('at').notNull(),
  kind: text('kind').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  payload: text('payload'),
});

export const webhookSubscribers = sqliteTable('webhook_subscribers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  description: text('description'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  disabledReason: text('disabled_reason'),
  failingSince: integer('failing_since'),
  lastSuccessAt: integer('last_success_at'),
  createdAt: integer('created_at').notNull().default(now),
  // ── public webhook subscriptions (issue 13, branch hooks) ──
  /** `admin`: added by an admin, live at once; `public`: from /subscribe, live once confirmed. */
  source: text('source', { enum: ['admin', 'public'] }).notNull().default('admin'),
  /** Where failure notices go (public subscribers). */
  email: text('email'),
  confirmedAt: integer('confirmed_at'),
  // ── chat channels and per-component webhook selection (issue 13, branch chat) ──
  format: text('format', { enum: WEBHOOK_FORMATS }).notNull().default('statuspage'),
  allComponents: integer('all_components', { mode: 'boolean' }).notNull().default(true),
});

// ── chat channels and per-component webhook selection (issue 13, branch chat) ──
export const webhookSubscriberComponents = sqliteTable(
  'webhook_subscriber_components',
  {
    subscriberId: integer('subscriber_id').notNull().references(() => webhookSubscribers.id, { onDelete: 'cascade' }),
    componentId: integer('component_id').notNull().references(() => components.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.componentId] })],
);

export const webhookSubscriberGroups = sqliteTable(
  'webhook_subscriber_groups',
  {
    subscriberId: integer('subscriber_id').notNull().references(() => webhookSubscribers.id, { onDelete: 'cascade' }),
    groupId: integer('group_id').notNull().references(() => componentGroups.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.groupId] })],
);

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriberId: integer('subscriber_id')
      .notNull()
      .references(() => webhookSubscribers.id, { onDelete: 'cascade' }),
    changeId: integer('change_id').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);

/** Monthly SLA figures of closed months, frozen once computed. */
export const slaMonths = sqliteTable(
  'sla_months',
  {
    componentId: integer('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    data: text('data').notNull(),
    computedAt: integer('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.componentId, t.month] })],
);

/** A closed month's figures recomputed because a later write changed its facts: what moved, when and why. */
export const slaCorrections = sqliteTable(
  'sla_corrections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    componentId: integer('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    at: integer('at').notNull(),
    /** What changed the facts, e.g. "incident #12 reopened". */
    cause: text('cause').notNull(),
    before: text('before').notNull(),
    after: text('after').notNull(),
  },
  (t) => [index('sla_corrections_month_idx').on(t.month, t.componentId)],
);

// ── Subscribers for people (issue 13): e-mail subscriptions, the mail outbox, subscribe rate limits ──

export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'failed'] as const;

/** An e-mail subscriber; only `confirmed` ones receive notifications. Unsubscribing deletes the row. */
export const subscribers = sqliteTable(
  'subscribers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    status: text('status', { enum: SUBSCRIBER_STATUSES }).notNull().default('pending'),
    /** Every component, present and future. */
    allComponents: integer('all_components', { mode: 'boolean' }).notNull().default(true),
    /** Permanent (5xx) SMTP refusals in a row. */
    hardFailures: integer('hard_failures').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    confirmedAt: integer('confirmed_at'),
    lastSentAt: integer('last_sent_at'),
    /** Issue 24: the page subscribed on (null: the default page); only that page's incidents are sent. */
    pageId: integer('page_id'),
  },
  (t) => [uniqueIndex('subscribers_email_uq').on(t.email), index('subscribers_status_idx').on(t.status, t.createdAt)],
);

export const subscriberComponents = sqliteTable(
  'subscriber_components',
  {
    subscriberId: integer('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    componentId: integer('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.componentId] })],
);

/** A whole group: includes components added to it later. */
export const subscriberGroups = sqliteTable(
  'subscriber_groups',
  {
    subscriberId: integer('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    groupId: integer('group_id')
      .notNull()
      .references(() => componentGroups.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.groupId] })],
);

/** Messages to send; a row is written in the transaction that decides it, and (subscriber, event) is unique. */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriberId: integer('subscriber_id').references(() => subscribers.id, { onDelete: 'cascade' }),
    /** What the message is about: `change:<id>`, `confirm:<n>`, `manage:<n>`. */
    event: text('event').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** JSON object of extra headers (List-Unsubscribe…). */
    headers: text('headers').notNull().default('{}'),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
    /** Notifications are claimed before sign-up mail (src/domain/mail-lanes.ts). */
    lane: text('lane', { enum: MAIL_LANES }).notNull().default('notification'),
    /** `incident:<id>` or `maintenance:<id>`: a subscriber's messages of one thread are sent in queue order (src/domain/mail-thread.ts). */
    thread: text('thread'),
    attempts: integer('attempts').notNull().default(0),
    /** Also the lease: a claimed row is pushed past the send timeout. */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt), index('mail_outbox_lane_due_idx').on(t.status, t.lane, t.nextAttemptAt), uniqueIndex('mail_outbox_event_uq').on(t.subscriberId, t.event), index('mail_outbox_thread_idx').on(t.subscriberId, t.thread, t.status)],
);

export const subscribeAttempts = sqliteTable(
  'subscribe_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('subscribe_attempts_key_at_idx').on(t.key, t.at)],
);

// ── Several status pages per install (issue 24) ──

/**
 * A status page: the host names it answers on, its branding and zone, the components it shows and who may see it.
 * Null branding falls back to the install's settings (the default page's, as before pages existed).
 */
export const pages = sqliteTable(
  'pages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** Host names, lower case, space-separated. */
    hosts: text('hosts').notNull().default(''),
    visibility: text('visibility', { enum: PAGE_VISIBILITIES }).notNull().default('public'),
    /** The default page answers every host no page lists; exactly one (made at start-up from the settings). */
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    /** Shows every component, present and future (the default page after the upgrade). */
    allComponents: integer('all_components', { mode: 'boolean' }).notNull().default(false),
    timeZone: text('time_zone'),
    brandColor: text('brand_color'),
    logoUrl: text('logo_url'),
    faviconUrl: text('favicon_url'),
    /** JSON list of { label, url }; null = the settings' footer links. */
    footerLinks: text('footer_links'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('pages_slug_uq').on(t.slug)],
);

export const pageComponents = sqliteTable(
  'page_components',
  {
    pageId: integer('page_id').notNull().references(() => pages.id, { onDelete: 'cascade' }),
    componentId: integer('component_id').notNull().references(() => components.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.pageId, t.componentId] }), index('page_components_component_idx').on(t.componentId)],
);

/** An incident posted to chosen pages only; none = every page showing one of its components. */
export const incidentPages = sqliteTable(
  'incident_pages',
  {
    incidentId: integer('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    pageId: integer('page_id').notNull().references(() => pages.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.pageId] }), index('incident_pages_page_idx').on(t.pageId)],
);

/** Issue 24: a private page's viewer access (sign-in methods, IP allowlist, audience groups), keyed by the page's id. */
export const viewerAccessPages = sqliteTable('viewer_access_pages', {
  pageId: text('page_id').primaryKey(),
  /** JSON of PageAccessConfig without the OIDC client secret (src/server/viewer-access/config.ts). */
  config: text('config').notNull(),
  /** Kept apart so no read of the config can show it back. */
  oidcClientSecret: text('oidc_client_secret'),
  updatedAt: integer('updated_at').notNull(),
});

/** Viewer sessions of private pages, apart from operator sessions: hashed token, idle expiry, rotated token. */
export const viewerSessions = sqliteTable(
  'viewer_sessions',
  {
    /** SHA-256 of the current cookie token. */
    id: text('id').primaryKey(),
    pageId: text('page_id').notNull(),
    /** How the viewer signed in: `email`, `oidc` or `ip`. */
    method: text('method').notNull(),
    email: text('email'),
    /** JSON array of the OIDC groups claim at sign-in. */
    oidcGroups: text('oidc_groups').notNull().default('[]'),
    createdAt: integer('created_at').notNull(),
    tokenIssuedAt: integer('token_issued_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('viewer_sessions_page_idx').on(t.pageId, t.email)],
);

/** One-time e-mail sign-in links: stored hashed, spent on first use. */
export const viewerLinks = sqliteTable('viewer_links', {
  tokenHash: text('token_hash').primaryKey(),
  pageId: text('page_id').notNull(),
  email: text('email').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
  /** The page path the viewer asked for, opened after signing in. */
  next: text('next').notNull().default('/'),
});

/** OpenID Connect sign-ins under way: state (hashed), nonce and PKCE verifier, bound to the browser that started it. */
export const viewerOidcFlows = sqliteTable('viewer_oidc_flows', {
  stateHash: text('state_hash').primaryKey(),
  pageId: text('page_id').notNull(),
  browserHash: text('browser_hash').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  expiresAt: integer('expires_at').notNull(),
  next: text('next').notNull().default('/'),
});

/** Per-viewer tokens for a private page's feeds and /api/v2, revocable by the viewer or an admin. */
export const viewerTokens = sqliteTable(
  'viewer_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pageId: text('page_id').notNull(),
    /** The viewer it belongs to: their e-mail address. */
    email: text('email').notNull(),
    oidcGroups: text('oidc_groups').notNull().default('[]'),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('viewer_tokens_hash_uq').on(t.tokenHash), index('viewer_tokens_owner_idx').on(t.pageId, t.email)],
);
