// The pinned tool releases: `buildx-version`/`buildx-url` and `cosign-version`/`cosign-url`.
import type { ReleasePin } from '../shared/inputs-types.js';
import type { InputReader } from './reader.js';
import * as rule from './rules.js';

/** A pinned release: a version (with or without its v) and the URL template of its binary. */
export function releasePin(r: InputReader, versionInput: string, urlInput: string, example: string):
  ReleasePin | undefined {
  const version = r.optional(versionInput, rule.matches(/^v?\d+\.\d+\.\d+(-[\w.]+)?$/, `a release such as ${example}`));
  const urlTemplate = r.optional(urlInput, rule.matches(/^https?:\/\/\S*\{version\}\S*$/,
    'an http(s) URL template with {version} (and {os}, {arch})')) ?? '';
  if (!version) return undefined;
  return { version: version.startsWith('v') ? version : `v${version}`, urlTemplate };
}
