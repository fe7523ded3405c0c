// The build record, as build-push-action keeps it: exported after the build (the failed attempts
// too), uploaded as a workflow artifact and linked from the summary. It is never worth failing a
// build over: anything that goes wrong is a warning, and the record stays at a path the log names.
import { info, warning } from '@actions/core';
import { mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuildx, type Buildx } from '../buildx/command.js';
import { finalError } from '../buildx/final-error.js';
import { BuildError } from '../buildx/run-retried.js';
import { buildxAtLeast, buildxVersion } from '../buildx/version.js';
import { errorMessage } from '../shared/errors.js';
import type { ReportSettings } from '../shared/inputs-types.js';
import type { BuildRecord } from '../shared/left-behind.js';
import { exportArgv, recordFilename } from './record-export.js';
import { refsSince } from './record-refs.js';
import { noArtifactService, uploadRecord } from './record-upload.js';

export interface RecordRequest {
  buildx: Buildx;
  builder: string;
  /** When the build stage began: every build on the builder since then is this step's. */
  since: Date;
  settings: ReportSettings;
  /** `call` (check, outline, ...) builds nothing to keep. */
  call?: string;
}

/** A build to run and keep the record of; `since` is taken when it starts. */
export interface RecordedBuild {
  request: Omit<RecordRequest, 'since'>;
  /** The job was cancelled: no record is kept. */
  signal: AbortSignal;
  /** Where the record goes (the LeftBehind of the run). */
  keep: (record: BuildRecord | undefined) => void;
  /** Runs the keeping as a log stage of its own. */
  stage: <T>(run: () => Promise<T>) => Promise<T>;
}

/**
 * Runs `build` and keeps the step's build record after it: after it passes, and after it fails
 * (a BuildError: every failed attempt is in the record), then rethrows.
 */
export async function withBuildRecord<T>(r: RecordedBuild, build: () => Promise<T>): Promise<T> {
  const since = new Date();
  const keepIt = async (): Promise<void> => {
    if (!r.signal.aborted) r.keep(await r.stage(() => keepBuildRecord({ ...r.request, since })));
  };
  const result = await build().catch(async (error: unknown) => {
    if (error instanceof BuildError) await keepIt();
    throw error;
  });
  await keepIt();
  return result;
}

/** The record kept (and uploaded), or undefined with a line saying why there is none; never throws. */
export async function keepBuildRecord(req: RecordRequest, env: NodeJS.ProcessEnv = process.env):
  Promise<BuildRecord | undefined> {
  try {
    return await keep(req, env);
  } catch (error) {
    warning(`build record: none, ${errorMessage(error)}; the build's result stands`);
    return undefined;
  }
}

async function keep(req: RecordRequest, env: NodeJS.ProcessEnv): Promise<BuildRecord | undefined> {
  const why = await whyNoRecord(req);
  if (why) {
    info(`build record: none, ${why}`);
    return undefined;
  }
  const refs = refsSince(req.builder, req.since, env);
  if (refs.length === 0) {
    info(`build record: none, buildx recorded no build on ${req.builder} since ${req.since.toISOString()}`);
    return undefined;
  }
  const dir = join(env.RUNNER_TEMP || tmpdir(), 'multiarch-build-records');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, recordFilename(refs, env.GITHUB_REPOSITORY));
  const finalize = buildxAtLeast(await buildxVersion(req.buildx), 0, 24); // records complete before export
  const argv = exportArgv(req.builder, refs, path, finalize);
  const res = await runBuildx(req.buildx, argv, { timeoutMs: 120_000 });
  if (res.exitCode !== 0) {
    warning(`build record: buildx history export failed (${finalError(res.stderrTail)}); the build's result stands`);
    return undefined;
  }
  const record: BuildRecord = { path, bytes: statSync(path).size, builds: refs.length };
  info(`build record: ${path} (${record.bytes} bytes, ${refs.length} build(s)); Docker Desktop's Builds view ` +
    'opens it (Import build)');
  if (!req.settings.recordUpload) return { ...record, notUploaded: 'DOCKER_BUILD_RECORD_UPLOAD=false' };
  const noService = noArtifactService(env);
  if (noService) {
    info(`build record: not uploaded, ${noService}; it stays at ${path}`);
    return { ...record, notUploaded: noService };
  }
  try {
    const artifact = await uploadRecord(path, req.settings.recordRetentionDays, env);
    info(`build record: uploaded as artifact ${artifact.id}, ${artifact.url}`);
    return { ...record, artifact };
  } catch (error) {
    const reason = errorMessage(error);
    warning(`build record: the upload failed (${reason}); the record stays at ${path}, the build's result stands`);
    return { ...record, notUploaded: `the upload failed: ${reason}` };
  }
}

async function whyNoRecord(req: RecordRequest): Promise<string | undefined> {
  if (!req.settings.record) return 'DOCKER_BUILD_SUMMARY=false';
  if (req.call && req.call !== 'build') return `\`call: ${req.call}\` builds nothing to record`;
  let version: string;
  try {
    version = await buildxVersion(req.buildx);
  } catch (error) {
    return `buildx's version cannot be read (${errorMessage(error)})`;
  }
  if (!buildxAtLeast(version, 0, 23)) return `this buildx (${version}) cannot export one: that needs buildx >= 0.23`;
  return undefined;
}
