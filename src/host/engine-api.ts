// Facts about the engine read from its API socket: one HTTP request, no docker process.
import { request } from 'node:http';

export interface EngineInfo {
  version: string;
  /** The containerd image store, which the engine's own builder needs for several platforms. */
  containerdStore: boolean;
  architecture: string;
}

/** The engine's unix socket, or undefined when DOCKER_HOST points elsewhere (tcp, ssh). */
export function engineSocket(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const host = env.DOCKER_HOST;
  if (!host) return '/var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

/** `DriverStatus` of /info names the snapshotter when the containerd image store is on. */
export interface InfoJson {
  ServerVersion?: string;
  DriverStatus?: string[][];
  Architecture?: string;
}

export function parseEngineInfo(json: InfoJson): EngineInfo {
  return {
    version: json.ServerVersion ?? '',
    containerdStore: (json.DriverStatus ?? []).some(([k, v]) => k === 'driver-type' && /snapshotter/.test(v ?? '')),
    architecture: json.Architecture ?? '',
  };
}

export function engineInfo(socketPath: string, timeoutMs = 5000): Promise<EngineInfo> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/info', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`engine answered ${res.statusCode} to /info`));
        else {
          try {
            resolve(parseEngineInfo(JSON.parse(body) as InfoJson));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${socketPath} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
