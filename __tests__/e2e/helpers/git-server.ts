// A loopback Git HTTP server (git's own http-backend as CGI) serving one repository, as a GitHub
// would serve the workflow's repository. It records the Authorization of every request and
// refuses requests without the expected token.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GitServer {
  /** `http://127.0.0.1:PORT`: the GITHUB_SERVER_URL of the run. */
  url: string;
  /** The commit the repository's main branch holds. */
  sha: string;
  /** The Authorization header of each request, in order. */
  authorizations: string[];
  /** Whether a request carried the token as `x-access-token` basic auth. */
  sawToken(): boolean;
  close(): Promise<void>;
}

/** Serves `owner/repo` holding `files` (and every file of `copyFrom`) on main, for `token`. */
export async function startGitServer(repo: string, files: Record<string, string>, copyFrom: string,
  token: string): Promise<GitServer> {
  const root = mkdtempSync(join(tmpdir(), 'mab-git-'));
  const work = join(root, 'work');
  cpSync(copyFrom, work, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(work, name), text);
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' }).trim();
  git(work, 'init', '-q', '-b', 'main');
  git(work, 'add', '.');
  git(work, 'commit', '-q', '-m', 'the workflow commit');
  const sha = git(work, 'rev-parse', 'HEAD');
  git(root, 'clone', '-q', '--bare', work, join(root, `${repo}.git`));

  const authorizations: string[] = [];
  // The scheme is case-insensitive (BuildKit writes `basic`, git `Basic`).
  const want = `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
  const authorized = (header: string | undefined): boolean => header?.replace(/^\w+/, (s) => s.toLowerCase()) === want;
  const server = createServer((req, res) => {
    authorizations.push(req.headers.authorization ?? '');
    if (!authorized(req.headers.authorization)) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...process.env, GIT_PROJECT_ROOT: root, GIT_HTTP_EXPORT_ALL: '1', PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1), REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '', REMOTE_ADDR: '127.0.0.1',
      },
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let sent = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (sent) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const [k = '', ...v] = line.split(':');
        if (k.toLowerCase() === 'status') status = parseInt(v.join(':'), 10);
        else headers[k] = v.join(':').trim();
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
      sent = true;
    });
    cgi.on('close', () => res.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sha,
    authorizations,
    sawToken: () => authorizations.some(authorized),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
