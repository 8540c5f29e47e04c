import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pacedLoad } from './paced-load';

/** A server that answers each request after `delayMs`, noting when each one arrived. */
async function server(delayMs: number): Promise<{ origin: string; arrivals: number[]; close: () => Promise<void> }> {
  const arrivals: number[] = [];
  const http: Server = createServer((request, response) => {
    arrivals.push(performance.now());
    request.resume();
    setTimeout(() => response.writeHead(request.url === '/fail' ? 503 : 200).end('{}'), delayMs);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    arrivals,
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}

describe('pacedLoad', () => {
  it('spreads the requests over the window instead of sending them at once', async () => {
    const target = await server(0);
    try {
      const result = await pacedLoad({
        origin: target.origin,
        rate: 100,
        seconds: 0.6,
        connections: 20,
        request: () => ({ method: 'GET', path: '/', headers: {} }),
      });
      expect(result.ok).toBe(60);
      const span = target.arrivals[target.arrivals.length - 1] - target.arrivals[0];
      // Due every 10 ms: the 60th is due 590 ms after the first. A burst would arrive within a few ms.
      expect(span).toBeGreaterThan(450);
      const inFirstTenth = target.arrivals.filter((at) => at - target.arrivals[0] < 60).length;
      expect(inFirstTenth).toBeLessThan(20);
    } finally {
      await target.close();
    }
  });

  it('counts the time a request waited to be sent when the server falls behind', async () => {
    // One connection and 50 ms per answer serve 20/s; 50 requests offered at 100/s are due within
    // 0.5 s but the last is answered about 2.5 s after the start.
    const target = await server(50);
    try {
      const result = await pacedLoad({
        origin: target.origin,
        rate: 100,
        seconds: 0.5,
        connections: 1,
        request: () => ({ method: 'GET', path: '/', headers: {} }),
      });
      expect(result.ok).toBe(50);
      expect(result.latency.max).toBeGreaterThan(1500);
      expect(result.served).toBeLessThan(30);
    } finally {
      await target.close();
    }
  });

  it('counts answers outside 2xx apart from the served ones', async () => {
    const target = await server(0);
    try {
      const result = await pacedLoad({
        origin: target.origin,
        rate: 50,
        seconds: 0.2,
        connections: 2,
        request: (n) => ({ method: 'GET', path: n % 2 === 0 ? '/' : '/fail', headers: {} }),
      });
      expect({ ok: result.ok, non2xx: result.non2xx, errors: result.errors }).toEqual({ ok: 5, non2xx: 5, errors: 0 });
    } finally {
      await target.close();
    }
  });
});
