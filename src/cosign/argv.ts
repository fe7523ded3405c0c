// `cosign sign` and `cosign verify` argv: signing by digest only, with a key or keyless, the
// transparency log on or off, for registries over plain HTTP too, against the public Sigstore or a
// private one. cosign 3 loads the public signing config by default, which cannot leave the
// transparency log out: it is turned off for that (3.x), as `--tlog-upload=false` alone does on
// 2.x. A private instance comes as a signing config file (already without its logs when tlog is
// off) and a trusted root. The keyless token is a file, never a value on argv.

/** Who signs: a key (a file or a KMS URI; its public half verifies), or this workflow, keyless. */
export type Signer =
  | { kind: 'key'; key: string; publicKey: string }
  | { kind: 'keyless'; identity: string; issuer: string; tokenFile?: string };

/** A private Sigstore as cosign takes it: files. */
export interface PrivateSigstore {
  /** Signing config file (cosign 3): the services to sign with. */
  signingConfig?: string;
  /** trusted_root.json: what signatures verify against. */
  trustedRoot?: string;
  /** The trusted root's name in a verify command a person runs, when not the file's own. */
  trustedRootShown?: string;
  /** The trusted root lists no CT log: certificates carry no SCT to check. */
  noCtLog: boolean;
}

export interface CosignOptions {
  signer: Signer;
  /** Record in the transparency log (Rekor), and require it when verifying. */
  tlog: boolean;
  /** cosign 3.x: a signing config by default, the bundle format. */
  signingConfig: boolean;
  /** The registry speaks plain HTTP (loopback, insecure-registries). */
  plainHttp: boolean;
  /** undefined: the public Sigstore. */
  sigstore?: PrivateSigstore;
}

const httpFlags = (o: CosignOptions): string[] => (o.plainHttp ? ['--allow-http-registry'] : []);

/** Signs `ref` (REPO@sha256:…) and, `recursive`, every manifest of an index with it. */
export function signArgv(ref: string, o: CosignOptions, recursive = true): string[] {
  const key = o.signer.kind === 'key' ? ['--key', o.signer.key] : [];
  const config = o.sigstore?.signingConfig;
  const tlog = o.tlog || config ? [] : [...(o.signingConfig ? ['--use-signing-config=false'] : []), '--tlog-upload=false'];
  const token = o.signer.kind === 'keyless' && o.signer.tokenFile ? ['--identity-token', o.signer.tokenFile] : [];
  return ['sign', '--yes', ...(recursive ? ['--recursive'] : []), ...key, ...tlog, ...(config ? ['--signing-config', config] : []),
    ...trustFlags(o), ...token, ...httpFlags(o), ref];
}

const trustFlags = (o: CosignOptions): string[] =>
  (o.sigstore?.trustedRoot ? ['--trusted-root', o.sigstore.trustedRoot] : []);

/** Verifies the signature of `ref` with the key or the identity that must hold. */
export function verifyArgv(ref: string, o: CosignOptions): string[] {
  const who = o.signer.kind === 'key' ? ['--key', o.signer.publicKey]
    : ['--certificate-identity', o.signer.identity, '--certificate-oidc-issuer', o.signer.issuer];
  const sct = o.signer.kind === 'keyless' && o.sigstore?.noCtLog ? ['--insecure-ignore-sct'] : [];
  return ['verify', ...who, ...(o.tlog ? [] : ['--insecure-ignore-tlog']), ...trustFlags(o), ...sct, ...httpFlags(o), ref];
}

/** What a person runs to verify: the verify argv, with the public key as they would have it. */
export function verifyCommand(ref: string, o: CosignOptions, publicKeyName: string): string {
  const signer: Signer = o.signer.kind === 'key' ? { ...o.signer, publicKey: publicKeyName } : o.signer;
  const shown = o.sigstore?.trustedRootShown;
  const sigstore = o.sigstore && shown ? { ...o.sigstore, trustedRoot: shown } : o.sigstore;
  return ['cosign', ...verifyArgv(ref, { ...o, signer, ...(sigstore ? { sigstore } : {}) })].map((a) => (/^[\w@:./=+-]+$/.test(a) ? a : `'${a}'`))
    .join(' ');
}
