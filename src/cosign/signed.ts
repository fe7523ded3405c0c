// What signing published: each signed digest, where its signature is stored, and how to verify it.

export interface SignedImage {
  /** `repo@digest` -> where its signature is: the `.sig` tag (cosign 2.x), or its OCI referrers (3.x). */
  signatures: Record<string, string>;
  /** A ready `cosign verify` command per digest. */
  verifyCommands: string[];
}

/** Where cosign stores the signature of `repo@digest`. */
export function signatureRef(repo: string, digest: string, signingConfig: boolean): string {
  return signingConfig ? `${repo}@${digest} (OCI referrer)` : `${repo}:${digest.replace(':', '-')}.sig`;
}
