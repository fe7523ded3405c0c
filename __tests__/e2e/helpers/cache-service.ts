// A loopback implementation of the Actions cache service v2, the protocol @actions/cache speaks
// (read from its own client): Twirp JSON at ACTIONS_RESULTS_URL for the entries, and signed blob
// URLs served by azurite (Azure's blob API on loopback) for the archives. Not a mock of the module:
// the action's real cache client talks to it over HTTP.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBlobs } from './azurite.js';
import { RUNTIME_TOKEN, startTwirp } from './twirp.js';

interface Entry {
  id: number;
  key: string;
  version: string;
  blob: string;
  finalized: boolean;
}

export interface CacheService {
  /** The variables a runner gives an action for the cache service v2. */
  env: Record<string, string>;
  entries: () => Entry[];
  calls: string[];
  /** Changes what a stored entry holds (the newest whose key starts with `prefix`), in place. */
  tamper: (prefix: string, edit: (dir: string) => void) => Promise<void>;
  close: () => Promise<void>;
}

/** `failWith`: every call is answered with that status (the service failing). */
export async function startCacheService(failWith?: number): Promise<CacheService> {
  const { container, signed, close: closeBlobs } = await startBlobs('actions-cache');
  const entries: Entry[] = [];
  const answer = (method: string, req: Record<string, string | string[]>): object => {
    const version = req.version as string;
    switch (method) {
      case 'CreateCacheEntry': {
        if (entries.some((e) => e.key === req.key && e.version === version)) {
          return { ok: false, message: `cache entry ${String(req.key)} already exists` };
        }
        const entry = { id: entries.length + 1, key: req.key as string, version, blob: `e${entries.length + 1}`, finalized: false };
        entries.push(entry);
        return { ok: true, signedUploadUrl: signed(entry.blob) };
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = entries.find((e) => e.key === req.key && e.version === version && !e.finalized);
        if (!entry) return { ok: false, message: 'no such entry' };
        entry.finalized = true;
        return { ok: true, entryId: String(entry.id) };
      }
      case 'GetCacheEntryDownloadURL': {
        const done = entries.filter((e) => e.finalized && e.version === version).reverse(); // newest first
        const hit = done.find((e) => e.key === req.key) ??
          // protobuf JSON: the client sends proto field names (restore_keys).
          ((req.restore_keys ?? req.restoreKeys ?? []) as string[])
            .map((p) => done.find((e) => e.key.startsWith(p))).find(Boolean);
        return hit ? { ok: true, signedDownloadUrl: signed(hit.blob), matchedKey: hit.key } : { ok: false };
      }
      default:
        return { ok: false, message: `unknown method ${method}` };
    }
  };
  const twirp = await startTwirp('github.actions.results.api.v1.CacheService', RUNTIME_TOKEN,
    (method, req) => (failWith ? { status: failWith }
      : answer(method, req as Record<string, string | string[]>)));
  return {
    env: {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: twirp.url,
      ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
    },
    entries: () => entries,
    calls: twirp.calls,
    tamper: async (prefix, edit) => {
      const entry = [...entries].reverse().find((e) => e.finalized && e.key.startsWith(prefix));
      if (!entry) throw new Error(`no cache entry ${prefix}*`);
      const blob = container.getBlockBlobClient(entry.blob);
      const work = mkdtempSync(join(tmpdir(), 'mab-tamper-'));
      const archive = join(work, 'archive');
      await blob.downloadToFile(archive);
      const zstd = readFileSync(archive).subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
      const compress = zstd ? ['--use-compress-program', 'zstd'] : ['-z'];
      mkdirSync(join(work, 'x'));
      execFileSync('tar', [...compress, '-xf', archive, '-P', '-C', join(work, 'x')]);
      edit(join(work, 'x'));
      execFileSync('tar', [...compress, '-cf', archive, '-C', join(work, 'x'), '.']);
      await blob.uploadFile(archive);
    },
    close: async () => {
      await twirp.close();
      closeBlobs();
    },
  };
}
