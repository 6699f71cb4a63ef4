/** The shape of a monitor's type-specific settings (the monitors.config JSON), validated once. */
import { z } from 'zod';

/** A check reads; it must not change the target (no PUT, DELETE…). */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST'] as const;
export const MAX_REDIRECTS = 5;
/** Headers that steer the connection or the proxy rather than the request; the probe sets these itself. */
const RESERVED_HEADERS = new Set(['host', 'connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length', 'expect']);

/** "200-299" or "200" → {min, max}. */
export function parseStatusRange(raw: string): { min: number; max: number } | null {
  const m = /^\s*(\d{3})\s*(?:-\s*(\d{3}))?\s*$/.exec(raw);
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] ? Number(m[2]) : min;
  if (min < 100 || max > 599 || min > max) return null;
  return { min, max };
}

export const HttpMonitorConfig = z.object({
  url: z.url({ protocol: /^https?$/, error: 'Enter an http:// or https:// URL.' }),
  method: z.enum(HTTP_METHODS, 'Use GET, HEAD or POST.').default('GET'),
  expectedStatus: z
    .string()
    .default('200-399')
    .refine((v) => parseStatusRange(v) !== null, 'Use a status like 200 or a range like 200-299.'),
  keyword: z.string().max(200).nullish(),
  keywordAbsent: z.boolean().default(false),
  headers: z
    // eslint-disable-next-line no-control-regex -- header values must not carry control characters (header injection)
    .record(z.string(), z.string().max(2000).regex(/^[^\0-\x08\x0a-\x1f\x7f]*$/, 'Header values cannot contain line breaks or control characters.'))
    // Checked here, not as a key schema: zod reports a bad record key only as "Invalid key in record".
    .superRefine((headers, ctx) => {
      for (const name of Object.keys(headers)) {
        if (!/^[A-Za-z0-9-]+$/.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'Header names use letters, digits and dashes.' });
        else if (RESERVED_HEADERS.has(name.toLowerCase())) ctx.addIssue({ code: 'custom', path: [name], message: `The probe sets ${name} itself; Host and connection headers cannot be set.` });
      }
    })
    .default({}),
  degradedMs: z.number().int().min(1).max(600_000).nullish(),
  followRedirects: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(MAX_REDIRECTS, `At most ${MAX_REDIRECTS} redirects.`).default(MAX_REDIRECTS),
  certExpiryDays: z.number().int().min(0).max(365).default(14),
});
export type HttpMonitorConfig = z.infer<typeof HttpMonitorConfig>;

export const TcpMonitorConfig = z.object({
  host: z.string().min(1, 'Enter a host.').max(255),
  port: z.number().int().min(1, 'Port 1–65535.').max(65535, 'Port 1–65535.'),
  degradedMs: z.number().int().min(1).max(600_000).nullish(),
});
export type TcpMonitorConfig = z.infer<typeof TcpMonitorConfig>;

