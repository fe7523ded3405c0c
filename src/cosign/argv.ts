// `cosign sign` and `cosign verify` argv: signing by digest only, with a key or keyless, the
// transparency log on or off, for registries over plain HTTP too. cosign 3 loads a signing config
// by default, which cannot leave the transparency log out: it is turned off for that (3.x), as
// `--tlog-upload=false` alone does on 2.x.

/** Who signs: a key (a file or a KMS URI; its public half verifies), or this workflow, keyless. */
export type Signer =
  | { kind: 'key'; key: string; publicKey: string }
  | { kind: 'keyless'; identity: string; issuer: string };

export interface CosignOptions {
  signer: Signer;
  /** Record in the transparency log (Rekor), and require it when verifying. */
  tlog: boolean;
  /** cosign 3.x: a signing config by default, the bundle format. */
  signingConfig: boolean;
  /** The registry speaks plain HTTP (loopback, insecure-registries). */
  plainHttp: boolean;
}

const httpFlags = (o: CosignOptions): string[] => (o.plainHttp ? ['--allow-http-registry'] : []);

/** Signs `ref` (REPO@sha256:…) and, for an index, every manifest in it. */
export function signArgv(ref: string, o: CosignOptions): string[] {
  const key = o.signer.kind === 'key' ? ['--key', o.signer.key] : [];
  const tlog = o.tlog ? [] : [...(o.signingConfig ? ['--use-signing-config=false'] : []), '--tlog-upload=false'];
  return ['sign', '--yes', '--recursive', ...key, ...tlog, ...httpFlags(o), ref];
}

/** Verifies the signature of `ref` with the key or the identity that must hold. */
export function verifyArgv(ref: string, o: CosignOptions): string[] {
  const who = o.signer.kind === 'key' ? ['--key', o.signer.publicKey]
    : ['--certificate-identity', o.signer.identity, '--certificate-oidc-issuer', o.signer.issuer];
  return ['verify', ...who, ...(o.tlog ? [] : ['--insecure-ignore-tlog']), ...httpFlags(o), ref];
}

/** What a person runs to verify: the verify argv, with the public key as they would have it. */
export function verifyCommand(ref: string, o: CosignOptions, publicKeyName: string): string {
  const signer: Signer = o.signer.kind === 'key' ? { ...o.signer, publicKey: publicKeyName } : o.signer;
  return ['cosign', ...verifyArgv(ref, { ...o, signer })].map((a) => (/^[\w@:./=+-]+$/.test(a) ? a : `'${a}'`))
    .join(' ');
}
