// Inputs of signing (`sign`, `sign-key`, `sign-tlog`, `sign-identity`, `verify-sources`,
// `cosign-version`, and a private Sigstore: `sigstore-signing-config` or `fulcio-url`/`rekor-url`,
// with `sigstore-trusted-root`).
import { InputError } from '../shared/errors.js';
import type { SigningInputs, SigstoreInstance } from '../shared/inputs-types.js';
import {
  configFromUrls, InstanceFileProblem, isInline, readSigningConfig, readTrustedRoot,
} from '../sigstore/instance.js';
import { releasePin } from './release-pin.js';
import type { InputReader } from './reader.js';
import * as rule from './rules.js';

const PEM_KEY = /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]+-----END [A-Z0-9 ]*PRIVATE KEY-----$/;
const KMS = /^(awskms|gcpkms|azurekms|hashivault|k8s|pkcs11):\/\/\S+$/;

export function parseSigningInputs(r: InputReader): SigningInputs {
  const signing: SigningInputs = {
    mode: r.oneOf('sign', ['auto', 'true', 'false'] as const),
    tlog: r.oneOf('sign-tlog', ['auto', 'true', 'false'] as const),
    verifySources: r.flag('verify-sources'),
  };
  const key = r.text('sign-key');
  if (key !== '') {
    // The key is a secret: the error line never shows it.
    if (!PEM_KEY.test(key) && !KMS.test(key)) {
      throw new InputError('sign-key', '(the value is not shown)', 'is neither a PEM private key (-----BEGIN ... ' +
        'PRIVATE KEY-----) nor a KMS URI (awskms://, gcpkms://, azurekms://, hashivault://, k8s://, pkcs11://)');
    }
    signing.key = key;
  }
  const identity = r.optional('sign-identity', rule.matches(/^https:\/\/\S+@\S+$/,
    'a workflow identity such as https://github.com/OWNER/REPO/.github/workflows/FILE@REF'));
  if (identity) signing.identity = identity;
  const pin = releasePin(r, 'cosign-version', 'cosign-url', 'v2.5.0');
  if (pin) signing.cosignPin = pin;
  const sigstore = parseSigstoreInstance(r);
  if (sigstore) signing.sigstore = sigstore;
  return signing;
}

const SERVICE_URL = rule.matches(/^https?:\/\/[^\s/?#]+(\/\S*)?$/, 'an http(s) URL such as https://fulcio.example.com');

/** A file input read as one of Sigstore's JSON documents; its problems name the input. */
function readInstanceFile<T>(r: InputReader, name: string, read: (file: string) => T): T | undefined {
  const value = r.text(name);
  if (value === '') return undefined;
  try {
    return read(value);
  } catch (error) {
    if (error instanceof InstanceFileProblem) {
      throw new InputError(name, isInline(value) ? '(the JSON given)' : value, error.message);
    }
    throw error;
  }
}

/** undefined: the public Sigstore (cosign's defaults). */
function parseSigstoreInstance(r: InputReader): SigstoreInstance | undefined {
  const fulcio = r.optional('fulcio-url', SERVICE_URL);
  const rekor = r.optional('rekor-url', SERVICE_URL);
  const config = readInstanceFile(r, 'sigstore-signing-config', readSigningConfig);
  const root = readInstanceFile(r, 'sigstore-trusted-root', readTrustedRoot);
  if (config && (fulcio || rekor)) {
    const given = fulcio ? 'fulcio-url' : 'rekor-url';
    throw new InputError(given, r.text(given), 'and sigstore-signing-config both name the services: give one of them');
  }
  if (!config && !fulcio && !rekor && !root) return undefined;
  if (!root) {
    const given = config ? 'sigstore-signing-config' : fulcio ? 'fulcio-url' : 'rekor-url';
    throw new InputError(given, r.text(given), 'needs sigstore-trusted-root: signatures of a private Sigstore ' +
      'verify only against its own trusted root (trusted_root.json)');
  }
  const signingConfig = config ?? (fulcio || rekor ? configFromUrls(fulcio, rekor) : undefined);
  const given = r.text('sigstore-trusted-root');
  const trustedRoot = isInline(given) ? { content: given } : { file: given };
  return { ...(signingConfig ? { signingConfig } : {}), trustedRoot, noCtLog: root.noCtLog };
}
