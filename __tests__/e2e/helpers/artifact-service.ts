// A loopback implementation of the runner's artifact service (results service v2), the protocol
// @actions/artifact speaks (read from its own client): Twirp JSON at ACTIONS_RESULTS_URL
// (CreateArtifact, FinalizeArtifact, ListArtifacts, GetSignedArtifactURL) and signed blob URLs
// served by azurite. The client finds the run and job in the runtime token's `scp` claim (twirp.ts).
// Not a mock of the module:
// the action's real artifact client talks to it over HTTP, and tests download what it stored.
import { startBlobs } from './azurite.js';
import { JOB_BACKEND_ID as JOB, RUN_BACKEND_ID as RUN, RUNTIME_TOKEN as token, startTwirp } from './twirp.js';

const SERVICE = 'github.actions.results.api.v1.ArtifactService';

export interface StoredArtifact {
  id: number;
  name: string;
  size: number;
  /** `sha256:…` as the client reported it. */
  hash?: string;
  expiresAt?: string;
  finalized: boolean;
}

export interface ArtifactService {
  /** The variables a runner gives an action for artifacts. */
  env: Record<string, string>;
  artifacts: () => StoredArtifact[];
  /** The stored bytes of an artifact, read through the service (ListArtifacts, GetSignedArtifactURL). */
  download: (name: string) => Promise<Buffer>;
  calls: string[];
  close: () => Promise<void>;
}

/** `failWith`: every Twirp call is answered with that status (the service down or failing). */
export async function startArtifactService(failWith?: number): Promise<ArtifactService> {
  const blobs = await startBlobs('actions-artifacts');
  const stored: StoredArtifact[] = [];
  const twirp = await startTwirp(SERVICE, token, (method, req) => {
    if (failWith) return { status: failWith };
    if (req.workflowRunBackendId !== RUN && req.workflow_run_backend_id !== RUN) return { status: 400 };
    const name = String(req.name ?? '');
    switch (method) {
      case 'CreateArtifact': {
        const artifact: StoredArtifact = { id: stored.length + 1, name, size: 0, finalized: false };
        const expires = req.expiresAt ?? req.expires_at;
        if (typeof expires === 'string') artifact.expiresAt = expires;
        stored.push(artifact);
        return { ok: true, signedUploadUrl: blobs.signed(`a${artifact.id}`) };
      }
      case 'FinalizeArtifact': {
        const artifact = stored.find((a) => a.name === name && !a.finalized);
        if (!artifact) return { ok: false };
        artifact.finalized = true;
        artifact.size = Number(req.size ?? 0);
        const hash = (req.hash as { value?: string } | string | undefined);
        const value = typeof hash === 'string' ? hash : hash?.value;
        if (value) artifact.hash = value;
        return { ok: true, artifactId: String(artifact.id) };
      }
      case 'ListArtifacts':
        return { artifacts: stored.filter((a) => a.finalized).map((a) => ({ workflowRunBackendId: RUN,
          workflowJobRunBackendId: JOB, databaseId: String(a.id), name: a.name, size: String(a.size) })) };
      case 'GetSignedArtifactURL': {
        const artifact = stored.find((a) => a.name === name && a.finalized);
        return artifact ? { signedUrl: blobs.signed(`a${artifact.id}`) } : { status: 404 };
      }
      default:
        return { status: 404 };
    }
  });
  const call = async (method: string, body: object): Promise<Record<string, unknown>> => {
    const res = await fetch(`${twirp.url}twirp/${SERVICE}/${method}`, { method: 'POST', body: JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    if (!res.ok) throw new Error(`${method}: ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    env: { ACTIONS_RESULTS_URL: twirp.url, ACTIONS_RUNTIME_TOKEN: token },
    artifacts: () => stored,
    download: async (name) => {
      const ids = { workflowRunBackendId: RUN, workflowJobRunBackendId: JOB };
      const listed = (await call('ListArtifacts', ids)).artifacts as { name: string }[];
      if (!listed.some((a) => a.name === name)) throw new Error(`no artifact ${name} listed`);
      const { signedUrl } = await call('GetSignedArtifactURL', { ...ids, name }) as { signedUrl: string };
      const res = await fetch(signedUrl);
      if (!res.ok) throw new Error(`downloading ${name}: ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    },
    calls: twirp.calls,
    close: async () => {
      await twirp.close();
      blobs.close();
    },
  };
}
