/** Settings stored as JSON values with typed defaults. */
import { eq } from 'drizzle-orm';
import { settings } from '../../../db/schema';
import { DEFAULT_CREDIT_TIERS, DEFAULT_FIRST_RESPONSE_TARGETS, DEFAULT_MAINTENANCE_ALLOWANCE_MINUTES } from '../../domain/constants';
import type { MaintenancePolicy } from '../../domain/maintenance-allowance';
import type { Db } from '../db';
import { prepared } from './prepared';
import { getConfig } from '../config';

export interface Settings {
  pageName: string;
  slaPublic: boolean;
  creditTiers: { below: number; atLeast: number; creditPercent: number }[];
  maintenanceAllowanceMinutes: number;
  /** Scheduled maintenance in the SLA: all excluded (today's rule), or the excess over the allowance counted. */
  maintenancePolicy: MaintenancePolicy;
  firstResponseTargets: { critical: number; major: number; minor: number };
  resolveTargets: { critical: number; major: number; minor: number };
  /** IANA zone whose calendar months the SLA report uses. */
  slaTimeZone: string;
  autoPublishMonitorIncidents: boolean;
  monitorDraftIncidents: boolean;
  /** Monitors and webhooks may reach loopback and private (RFC 1918, ULA, CGNAT) addresses. */
  allowPrivateTargets: boolean;
  /** Monitors and webhooks may reach link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10…). */
  allowLinkLocalTargets: boolean;
  /** Visitors' webhook endpoints may be private/loopback addresses too (when allowPrivateTargets is on); never link-local. */
  allowPrivatePublicWebhooks: boolean;
  /** Last change_log id fanned out to webhook subscribers (null until the worker first runs). */
  webhookCursor: number | null;
  /** Last change_log id fanned out to e-mail subscribers (null until the mail worker first runs). */
  mailCursor: number | null;
  /** HMAC key of subscriber links, generated once (never derived from SITE_URL). */
  mailSecret: string | null;
  /** Page id and tag: URI authority, generated once so a new SITE_URL keeps every public id (queries/identity.ts). */
  identity: { pageId: string; tagAuthority: string } | null;
  /** Branding (issue 12): `#rrggbb` served as /brand.css, and up to 5 footer links (https only). */
  brandColor: string | null;
  footerLinks: { label: string; url: string }[];
}

function defaultSettings(): Settings {
  return {
    pageName: getConfig().pageName,
    slaPublic: true,
    creditTiers: DEFAULT_CREDIT_TIERS,
    maintenanceAllowanceMinutes: DEFAULT_MAINTENANCE_ALLOWANCE_MINUTES,
    maintenancePolicy: 'exclude_all',
    firstResponseTargets: { ...DEFAULT_FIRST_RESPONSE_TARGETS },
    resolveTargets: { critical: 240, major: 720, minor: 1440 },
    slaTimeZone: 'UTC',
    autoPublishMonitorIncidents: false,
    monitorDraftIncidents: true,
    allowPrivateTargets: true,
    allowLinkLocalTargets: false,
    allowPrivatePublicWebhooks: false,
    webhookCursor: null,
    mailCursor: null,
    mailSecret: null,
    identity: null,
    brandColor: null,
    footerLinks: [],
  };
}

const allSettingsQ = prepared((db) => db.select().from(settings).prepare());

export function getSettings(db: Db): Settings {
  const rows = allSettingsQ(db).all();
  const out = defaultSettings() as unknown as Record<string, unknown>;
  for (const r of rows) {
    try {
      out[r.key] = JSON.parse(r.value);
    } catch {
      // keep the default for an unreadable value
    }
  }
  return out as unknown as Settings;
}

export function putSetting<K extends keyof Settings>(db: Db, key: K, value: Settings[K]): void {
  db.insert(settings).values({ key, value: JSON.stringify(value) }).onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(value) } }).run();
}

/** Stores a setting only if none is stored yet (two processes racing keep the first value). */
export function putSettingIfAbsent<K extends keyof Settings>(db: Db, key: K, value: Settings[K]): void {
  db.insert(settings).values({ key, value: JSON.stringify(value) }).onConflictDoNothing().run();
}

export function hasSetting(db: Db, key: keyof Settings): boolean {
  return db.select().from(settings).where(eq(settings.key, key)).get() !== undefined;
}
