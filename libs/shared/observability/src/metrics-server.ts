import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { register } from 'prom-client';

export interface MetricsServer {
  /** Where it answers, e.g. `http://127.0.0.1:9464`; `/metrics` is the one path. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves this process's Prometheus metrics at `GET /metrics` on a port of their own, for an app
 * whose HTTP port is public (the gateway): what its metrics tell about routes, services and load
 * is for the operators' Prometheus, not for anyone who can reach the API.
 */
export async function serveMetrics(port: number, host: string): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    register.metrics().then(
      (text) => response.writeHead(200, { 'content-type': register.contentType }).end(text),
      () => response.writeHead(503).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
