import { request } from 'node:http';
import { startLocalServer } from '../../../infra/local/server';
import { createConsoleHost, devIdentities } from '../../../infra/local/console-host';

/**
 * `npm start` serves the console, the dev sign-in (district-wide identities) and the API on
 * 127.0.0.1. A DNS-rebinding page reaches it under its own host name; the server answers only
 * for its own names, so that page gets nothing (neither the console's config nor a token).
 */
let server: Awaited<ReturnType<typeof startLocalServer>>;
beforeAll(async () => {
  server = await startLocalServer({ console: createConsoleHost({ identities: devIdentities('d-host', 's-host'), parentDistrict: 'd-host' }) });
});
afterAll(() => server.close());

/** A GET with the Host header as a browser on that page would send it. */
function get(path: string, host: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode!, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

test.each(['evil.example', 'attacker.test:PORT', '127.0.0.1.nip.io:PORT', '127.0.0.1:1', 'localhost.evil.example:PORT'])('npm start refuses a foreign Host header (%s)', async (host) => {
  const { port } = new URL(server.url);
  for (const path of ['/console-config.json', '/local/authorize', '/schools/s-host/students']) {
    expect(await get(path, host.replace('PORT', port))).toEqual({ status: 421, body: '{"message":"Misdirected Request"}' });
  }
});

test.each(['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST:PORT', '[::1]:PORT'])('npm start answers for its own names (%s)', async (host) => {
  const { port } = new URL(server.url);
  expect((await get('/console-config.json', host.replace('PORT', port))).status).toBe(200);
});
