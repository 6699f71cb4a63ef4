/** The environment of a command the application runs (EXPORT_COMMAND, PURGE_COMMAND): only what it needs, never the app's secrets. */

/** Always passed on: without them a shell cannot find programs or its user's configuration (e.g. ~/.aws). */
const BASE_COMMAND_ENV = ['PATH', 'HOME'] as const;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** COMMAND_ENV: names separated by commas or spaces; the first that is not a variable name is returned as invalid. */
export function parseEnvNames(raw: string): { names: string[] } | { invalid: string } {
  const names = raw.split(/[\s,]+/).filter(Boolean);
  const invalid = names.find((n) => !NAME.test(n));
  return invalid === undefined ? { names: [...new Set(names)] } : { invalid };
}

/** PATH, HOME and the listed names taken from the parent (when set), then the command's own variables. */
export function commandEnvironment(parent: Readonly<Record<string, string | undefined>>, passed: readonly string[], own: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...BASE_COMMAND_ENV, ...passed]) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...own };
}
