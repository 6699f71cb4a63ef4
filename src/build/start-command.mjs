/**
 * How `npm start` runs the server, read from package.json's start script: its environment settings
 * (`NAME=value` before `node`) and V8 flags (`--flag=value`). The build's warm start and the bench start the
 * server the same way from these.
 */
import fs from 'node:fs';
import path from 'node:path';

export function startCommand(root) {
  const start = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start;
  return {
    flags: start.match(/--[a-z-]+=\S+/g) ?? [],
    env: Object.fromEntries([...start.matchAll(/\b([A-Z][A-Z0-9_]*)=(\S+) /g)].map((m) => [m[1], m[2]])),
  };
}
