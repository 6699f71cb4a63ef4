import { describe, expect, it } from 'vitest';
import { commandEnvironment, parseEnvNames } from './command-env';

describe('parseEnvNames', () => {
  it.each<[string, ReturnType<typeof parseEnvNames>]>([
    ['', { names: [] }],
    ['   ', { names: [] }],
    ['AWS_PROFILE', { names: ['AWS_PROFILE'] }],
    ['AWS_PROFILE,AWS_REGION', { names: ['AWS_PROFILE', 'AWS_REGION'] }],
    [' AWS_PROFILE , AWS_REGION  _X1,,', { names: ['AWS_PROFILE', 'AWS_REGION', '_X1'] }],
    ['A A', { names: ['A'] }],
    ['AWS-REGION', { invalid: 'AWS-REGION' }],
    ['OK 1BAD', { invalid: '1BAD' }],
    ['A=b', { invalid: 'A=b' }],
    ['$HOME', { invalid: '$HOME' }],
  ])('%j', (raw, parsed) => expect(parseEnvNames(raw)).toEqual(parsed));
});

const parent = { PATH: '/usr/bin:/bin', HOME: '/home/status', ADMIN_PASSWORD: 'hunter2hunter2', SMTP_URL: 'smtp://u:secret@mail', METRICS_TOKEN: 't'.repeat(20), AWS_PROFILE: 'mirror', EXPORT_DIR: '/parent/dir' };

describe('commandEnvironment', () => {
  it.each<[string, Record<string, string | undefined>, string[], Record<string, string>, Record<string, string>]>([
    ['only PATH, HOME and its own', parent, [], { EXPORT_DIR: '/srv/mirror' }, { PATH: '/usr/bin:/bin', HOME: '/home/status', EXPORT_DIR: '/srv/mirror' }],
    ['plus the names the operator lists', parent, ['AWS_PROFILE'], { PURGE_TAGS: 'all' }, { PATH: '/usr/bin:/bin', HOME: '/home/status', AWS_PROFILE: 'mirror', PURGE_TAGS: 'all' }],
    ['a listed name that is unset is left out', parent, ['AWS_REGION'], {}, { PATH: '/usr/bin:/bin', HOME: '/home/status' }],
    ['its own variables win over the parent’s', parent, ['EXPORT_DIR'], { EXPORT_DIR: '/srv/mirror' }, { PATH: '/usr/bin:/bin', HOME: '/home/status', EXPORT_DIR: '/srv/mirror' }],
    ['an empty parent', {}, ['AWS_PROFILE'], { PURGE_TAGS: '' }, { PURGE_TAGS: '' }],
    ['a secret passes only when listed', parent, ['SMTP_URL'], {}, { PATH: '/usr/bin:/bin', HOME: '/home/status', SMTP_URL: 'smtp://u:secret@mail' }],
  ])('%s', (_what, from, passed, own, env) => expect(commandEnvironment(from, passed, own)).toEqual(env));
});
