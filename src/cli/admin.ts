/** Operators' command line on the server: users and API keys, on DATABASE_PATH, safe while the server runs. */
import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../domain/enums';
import { loadConfigOrExit } from '../server/config';
import { openAppDatabase } from '../server/bootstrap';
import { closeDatabase } from '../server/db';
import { AppError } from '../server/errors';
import { cliActor } from '../server/services/actor';
import { createApiKey, createUser, findUserByEmail, revokeApiKey, setPassword } from '../server/services/users';

const USAGE = `Usage:
  npm run admin -- user create <email> --role admin|editor [--password-stdin]
  npm run admin -- user reset-password <email> [--password-stdin]
  npm run admin -- apikey create <name>
  npm run admin -- apikey revoke <name>
Without --password-stdin a strong password is generated and printed once.`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function password(args: string[]): Promise<{ value: string; generated: boolean }> {
  if (args.includes('--password-stdin')) return { value: await readStdin(), generated: false };
  return { value: randomBytes(15).toString('base64url'), generated: true };
}

async function main(argv: string[]): Promise<void> {
  loadConfigOrExit();
  const [noun, verb, target, ...rest] = argv;
  if (!noun || !verb || !target) fail(USAGE);
  const db = openAppDatabase(Date.now());
  const actor = cliActor(`cli:${process.env.USER ?? 'operator'}`);
  const now = Date.now();
  try {
    if (noun === 'user' && verb === 'create') {
      const i = rest.indexOf('--role');
      const role = (i >= 0 ? rest[i + 1] : undefined) as Role | undefined;
      if (!role || !ROLES.includes(role)) fail('--role must be admin or editor.');
      const pw = await password(rest);
      const u = createUser(db, { email: target, password: pw.value, role }, actor, now);
      console.log(`Created ${u.role} ${u.email}.`);
      if (pw.generated) console.log(`Password (shown once): ${pw.value}`);
    } else if (noun === 'user' && verb === 'reset-password') {
      const u = findUserByEmail(db, target);
      if (!u) fail(`No user ${target}.`);
      const pw = await password(rest);
      setPassword(db, u.id, pw.value, actor, now);
      console.log(`Password reset for ${u.email}; their sessions were signed out.`);
      if (pw.generated) console.log(`New password (shown once): ${pw.value}`);
    } else if (noun === 'apikey' && verb === 'create') {
      const { key } = createApiKey(db, target, actor, now);
      console.log(`API key "${target}" (shown once, store it now):\n${key}`);
    } else if (noun === 'apikey' && verb === 'revoke') {
      revokeApiKey(db, target, actor, now);
      console.log(`API key "${target}" revoked.`);
    } else {
      fail(USAGE);
    }
  } catch (err) {
    if (err instanceof AppError) fail(err.message);
    throw err;
  } finally {
    closeDatabase(db);
  }
}

await main(process.argv.slice(2));
