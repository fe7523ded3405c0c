// Inputs of signing (`sign`, `sign-key`, `sign-tlog`, `sign-identity`, `verify-sources`,
// `cosign-version`).
import { InputError } from '../shared/errors.js';
import type { SigningInputs } from '../shared/inputs-types.js';
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
  return signing;
}
