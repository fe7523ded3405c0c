// Stands in for @actions/core's OIDC client: this action never asks for an ID token, and the real
// client pulls in an HTTP stack (undici, ~780 kB) that every run would load and parse.
// eslint-disable-next-line @typescript-eslint/no-extraneous-class
export class OidcClient {
  static async getIDToken() {
    throw new Error('multiarch-build does not bundle the OIDC client');
  }
}
