// The docker CLI's config folder: its logins (config.json) and its CLI plugins live there.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The docker CLI's config folder, where its logins and its CLI plugins live. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}
