/**
 * One hop of the raw checkout chain (see `raw-chain.ts`), as its own process:
 * - `service <port> <databaseUrl>`: node:http; per request one read and one write on PostgreSQL
 *   (the checkout's two statements), then a JSON answer.
 * - `proxy <port> <serviceUrl>`: node:http; refuses a request without a bearer token, forwards
 *   the parsed body over a keep-alive undici pool, answers what the service answered.
 * No framework, no validation, no logging, no events: the floor under the platform's checkout.
 */
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool as PgPool } from 'pg';
import { Pool as HttpPool } from 'undici';

const [role, port, target] = process.argv.slice(2);

function readJson(request: IncomingMessage): Promise<{ productId: string; quantity: number }> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(error);
      }
    });
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body);
}

function serve(handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>): void {
  createServer((request, response) => {
    handle(request, response).catch((error: Error) => answer(response, 500, JSON.stringify({ error: error.message })));
  }).listen(Number(port), '127.0.0.1', () => process.send?.('listening'));
}

if (role === 'service') {
  const pool = new PgPool({ connectionString: target, max: 10 });
  serve(async (request, response) => {
    const line = await readJson(request);
    const design = await pool.query('SELECT id, price FROM designs WHERE id = $1', [line.productId]);
    const total = Number(design.rows[0].price) * line.quantity;
    const id = randomUUID();
    await pool.query('INSERT INTO orders (id, product_id, quantity, total) VALUES ($1, $2, $3, $4)', [
      id,
      line.productId,
      line.quantity,
      total,
    ]);
    answer(response, 201, JSON.stringify({ id, status: 'paid', total: { amount: total, currency: 'AUD' } }));
  });
} else if (role === 'proxy') {
  const service = new HttpPool(target, { connections: 64 });
  serve(async (request, response) => {
    if (!request.headers.authorization?.startsWith('Bearer ')) return answer(response, 401, '{}');
    const body = await readJson(request);
    const reply = await service.request({
      method: 'POST',
      path: '/orders',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    answer(response, reply.statusCode, JSON.stringify(await reply.body.json()));
  });
} else {
  throw new Error(`unknown role ${role}: service or proxy`);
}
