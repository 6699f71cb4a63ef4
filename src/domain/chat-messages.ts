/** Slack, Discord and Microsoft Teams incoming-webhook messages, built from the same facts (pure). */
import { BADGE_COLORS, type BadgeTone } from './badge';
import type { WebhookFormat } from './enums';

export interface ChatFacts {
  pageName: string;
  title: string;
  /** "Investigating", "Scheduled", "Major outage"… */
  statusLabel: string;
  tone: BadgeTone;
  /** Latest update, operator markdown. */
  body: string;
  components: string[];
  url: string;
  at: number;
}

/** Operator markdown as plain text: tags dropped, entities left as text, whitespace tidied. */
function plainText(md: string): string {
  return md.replace(/<[^>]*>/g, '').replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** Slack requires &, < and > escaped in text (https://api.slack.com/reference/surfaces/formatting#escaping). */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const hex = (tone: BadgeTone) => BADGE_COLORS[tone];

function slackMessage(f: ChatFacts): Record<string, unknown> {
  const head = `${f.statusLabel}: ${f.title}`;
  const body = slackEscape(plainText(f.body)) || '_No message._';
  return {
    text: slackEscape(truncate(`${head} — ${f.pageName}`, 3000)),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(head, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(body, 3000) } },
      ...(f.components.length ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(slackEscape(`Affected: ${f.components.join(', ')}`), 3000) }] }] : []),
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'View on status page' }, url: f.url }] },
    ],
    attachments: [{ color: hex(f.tone), fallback: slackEscape(truncate(head, 3000)) }],
  };
}

function discordMessage(f: ChatFacts): Record<string, unknown> {
  const fields = [{ name: 'Status', value: truncate(f.statusLabel, 1024), inline: true }];
  if (f.components.length) fields.push({ name: 'Affected', value: truncate(f.components.join(', '), 1024), inline: true });
  return {
    embeds: [
      {
        title: truncate(f.title, 256),
        url: f.url,
        description: truncate(plainText(f.body) || 'No message.', 4096),
        color: Number.parseInt(hex(f.tone).slice(1), 16),
        fields: fields.slice(0, 25),
        timestamp: new Date(f.at).toISOString(),
        footer: { text: truncate(f.pageName, 2048) },
      },
    ],
  };
}

const TEAMS_COLOUR: Record<BadgeTone, string> = { ok: 'good', maintenance: 'accent', minor: 'warning', major: 'warning', critical: 'attention' };

function teamsMessage(f: ChatFacts): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          type: 'AdaptiveCard',
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: f.title, size: 'Large', weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: f.statusLabel, color: TEAMS_COLOUR[f.tone], weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: plainText(f.body) || 'No message.', wrap: true },
            ...(f.components.length ? [{ type: 'FactSet', facts: [{ title: 'Affected', value: f.components.join(', ') }] }] : []),
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'View on status page', url: f.url }],
        },
      },
    ],
  };
}

export const CHAT_BUILDERS = { slack: slackMessage, discord: discordMessage, teams: teamsMessage } as const;

/** The body a channel of this format receives: the Statuspage JSON payload, or its chat service's message built from the facts. */
export function channelBody(format: WebhookFormat, statuspage: () => unknown, facts: () => ChatFacts): string {
  return JSON.stringify(format === 'statuspage' ? statuspage() : CHAT_BUILDERS[format](facts()));
}

/** What a chat channel's test message says. */
export function testChatFacts(pageName: string, text: string, siteUrl: string, at: number): ChatFacts {
  return { pageName, title: 'Test message', statusLabel: 'Test', tone: 'ok', body: text, components: [], url: siteUrl, at };
}
