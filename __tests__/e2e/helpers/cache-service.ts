// A loopback implementation of the Actions cache service v2, the protocol @actions/cache speaks
// (read from its own client): Twirp JSON at ACTIONS_RESULTS_URL for the entries, and signed blob
// URLs served by azurite (Azure's blob API on loopback) for the archives. Not a mock of the module:
// the action's real cache client talks to it over HTTP.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BlobSASPermissions, BlobServiceClient, StorageSharedKeyCredential, generateBlobSASQueryParameters,
} from '@azure/storage-blob';
import { ROOT } from './bed.js';

// azurite's well-known development account.
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const CONTAINER = 'actions-cache';
const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/';

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

export async function startCacheService(): Promise<CacheService> {
  const blobPort = 20000 + Math.floor(Math.random() * 20000);
  const azurite = spawn(join(ROOT, 'node_modules/.bin/azurite-blob'), ['--blobHost', '127.0.0.1', '--blobPort',
    String(blobPort), '--location', mkdtempSync(join(tmpdir(), 'mab-azurite-')), '--skipApiVersionCheck', '--loose',
    '--silent'], { stdio: 'ignore' });
  const blobEndpoint = `http://127.0.0.1:${blobPort}/${ACCOUNT}`;
  const credential = new StorageSharedKeyCredential(ACCOUNT, KEY);
  const container = new BlobServiceClient(blobEndpoint, credential).getContainerClient(CONTAINER);
  await waitFor(() => container.createIfNotExists());

  const entries: Entry[] = [];
  const calls: string[] = [];
  const signed = (blob: string): string => {
    const sas = generateBlobSASQueryParameters({
      containerName: CONTAINER, blobName: blob, permissions: BlobSASPermissions.parse('rcw'),
      expiresOn: new Date(Date.now() + 3600_000),
    }, credential).toString();
    return `${blobEndpoint}/${CONTAINER}/${blob}?${sas}`;
  };
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
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const method = (req.url ?? '').startsWith(SERVICE) ? (req.url ?? '').slice(SERVICE.length) : '';
      calls.push(method);
      if (!method || req.headers.authorization !== 'Bearer loopback-runtime-token') {
        res.writeHead(method ? 401 : 404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(method, JSON.parse(body))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    env: {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/`,
      ACTIONS_RUNTIME_TOKEN: 'loopback-runtime-token',
    },
    entries: () => entries,
    calls,
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
      await new Promise<void>((resolve) => server.close(() => resolve()));
      stop(azurite);
    },
  };
}

async function waitFor(op: () => Promise<unknown>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await op();
      return;
    } catch (error) {
      if (i > 60) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function stop(child: ChildProcess): void {
  child.kill();
}
