// `buildx history export` (buildx >= 0.23): the records of the step's builds in one `.dockerbuild`
// file, a gzipped OCI layout of each build's trace, logs and step timings, named as
// build-push-action names it (OWNER~REPO~REF[+N]), so Docker Desktop's Builds view lists it alike.

/** `OWNER~REPO~FIRSTREF6[+N].dockerbuild`. */
export function recordFilename(refs: readonly string[], repository: string | undefined): string {
  const [owner, repo] = (repository ?? '').split('/');
  const first = (refs[0] ?? '').split('/').at(-1) ?? '';
  return `${owner || 'local'}~${repo || 'build'}~${first.slice(0, 6).toUpperCase()}${refs.length > 1 ? `+${refs.length - 1}` : ''}.dockerbuild`;
}

/** The argv after `buildx`; refs are BUILDER/NODE/REF, exported by REF from their builder. */
export function exportArgv(builder: string, refs: readonly string[], file: string,
  finalize: boolean): string[] {
  return ['history', 'export', '--builder', builder, '--output', file, ...(finalize ? ['--finalize'] : []),
    ...refs.map((r) => r.split('/').at(-1) ?? r)];
}
