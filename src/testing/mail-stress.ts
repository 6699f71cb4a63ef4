/** Stress content for the e-mail tests (issue 27): long, CJK, Arabic and emoji names; a 5,000-character update. */

export const STRESS_NAMES = [
  'Payments authorisation gateway for European card schemes and SEPA direct debits', // 80 characters
  '決済処理システムと請求書発行サービス東京リージョン',
  'بوابة الدفع الإلكتروني للمملكة العربية السعودية',
  '🚀 Deploys 🛰️ and 📦 package registry 🔥',
];

export const LONG_URL = `https://status-dashboard.example.com/investigations/2026/12/07/${'a1b2c3d4e5'.repeat(12)}?filter=${'region-eu-west-1,'.repeat(6)}`;

const TABLE = ['| Region | Error rate | Requests affected |', '| --- | --- | --- |', '| eu-west-1 | 12 % | 48,210 |', '| ap-northeast-1 | 3 % | 9,004 |'].join('\n');
const CODE = ['```', 'ERROR 2026-12-07T14:31:07Z payments-authorisation-gateway upstream_connect_error_or_disconnect_reset_before_headers retries=3', '  at handler (gateway.ts:120)', '```'].join('\n');

/** An update of at least 5,000 characters with a heading, a list, a table, code and a long URL. */
export function stressUpdate(): string {
  const head = ['## Summary', '', 'Card payments failed for some customers.', '', '- first step: failover', '- second step: drain the queue', '', TABLE, '', CODE, '', `Details: ${LONG_URL}`].join('\n');
  const filler = 'We are watching the error rate closely and will post again within thirty minutes. ';
  let body = head;
  while (body.length < 5_000) body += `\n\n${filler.repeat(4)}`;
  return body;
}
