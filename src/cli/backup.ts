/** npm run backup -- <file> | npm run restore -- <file> */
import { BackupError, backupDatabase, restoreDatabase } from '../server/backup';
import { loadConfigOrExit } from '../server/config';

const [verb, file] = process.argv.slice(2);
const config = loadConfigOrExit();
if (!file || (verb !== 'backup' && verb !== 'restore')) {
  console.error('Usage: npm run backup -- <file>   |   npm run restore -- <file>');
  process.exit(2);
}
try {
  if (verb === 'backup') {
    const { bytes } = await backupDatabase(config.databasePath, file);
    console.log(`Backed up ${config.databasePath} to ${file} (${bytes} bytes).`);
  } else {
    const { kept } = restoreDatabase(config.databasePath, file);
    console.log(`Restored ${config.databasePath} from ${file}.${kept ? ` The previous database is kept as ${kept}.` : ''}`);
  }
} catch (err) {
  // One line for the operator, whatever went wrong: the refusals are BackupErrors, the rest (disk full…) says what failed.
  console.error(err instanceof BackupError ? err.message : `The ${verb} failed: ${(err as Error).message}`);
  process.exit(1);
}
