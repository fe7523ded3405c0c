// Azure's blob API on loopback (azurite, its development account): the signed blob URLs behind the
// runner's results services (the Actions cache v2 and artifacts), which their clients upload to
// and download from.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BlobSASPermissions, BlobServiceClient, StorageSharedKeyCredential, generateBlobSASQueryParameters,
  type ContainerClient,
} from '@azure/storage-blob';
import { ROOT } from './bed.js';

// azurite's well-known development account.
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Blobs {
  container: ContainerClient;
  /** A URL that lets its holder read, create and write the blob, as the services hand out. */
  signed: (blob: string) => string;
  close: () => void;
}

export async function startBlobs(containerName: string): Promise<Blobs> {
  const blobPort = 20000 + Math.floor(Math.random() * 20000);
  const azurite = spawn(join(ROOT, 'node_modules/.bin/azurite-blob'), ['--blobHost', '127.0.0.1', '--blobPort',
    String(blobPort), '--location', mkdtempSync(join(tmpdir(), 'mab-azurite-')), '--skipApiVersionCheck', '--loose',
    '--silent'], { stdio: 'ignore' });
  const blobEndpoint = `http://127.0.0.1:${blobPort}/${ACCOUNT}`;
  const credential = new StorageSharedKeyCredential(ACCOUNT, KEY);
  const container = new BlobServiceClient(blobEndpoint, credential).getContainerClient(containerName);
  await waitFor(() => container.createIfNotExists());
  return {
    container,
    signed: (blob) => {
      const sas = generateBlobSASQueryParameters({
        containerName, blobName: blob, permissions: BlobSASPermissions.parse('rcw'),
        expiresOn: new Date(Date.now() + 3600_000),
      }, credential).toString();
      return `${blobEndpoint}/${containerName}/${blob}?${sas}`;
    },
    close: () => void azurite.kill(),
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
