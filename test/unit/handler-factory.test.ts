import { z } from 'zod';
import type { RouteDefinition } from '../../shared/contract/route';
import { routeHandler, HttpResult } from '../../shared/http/handler';
import { BusyError } from '../../shared/domain/errors';
import { lambdaContext } from '../../infra/local/lambda-context';

/** The handler factory keeps the code to its contract: tests (and `npm start`) fail on a drift. */
const probe = (overrides: Partial<RouteDefinition> = {}): RouteDefinition => ({
  id: 'probe',
  method: 'POST',
  path: '/probe',
  entry: 'n/a',
  auth: 'none',
  request: { body: z.strictObject({ n: z.number() }) },
  response: { status: 200, schema: z.object({ doubled: z.number() }), description: 'n × 2' },
  group: 'audit',
  tables: {},
  summary: 'probe',
  ...overrides,
});

const call = (route: RouteDefinition, run: (input: never) => Promise<unknown>, body = '{"n":2}') =>
  routeHandler(route, run)(
    { body, isBase64Encoded: false, routeKey: 'POST /probe', requestContext: { http: { sourceIp: '10.0.0.1' } } } as never,
    lambdaContext('probe'),
  ) as Promise<{ statusCode: number; body: string; isBase64Encoded?: boolean; headers: Record<string, string> }>;

test('a valid request runs the use case and answers with the declared status', async () => {
  const response = await call(probe(), async (input: { body: { n: number } }) => ({ doubled: input.body.n * 2 }));
  expect({ status: response.statusCode, body: JSON.parse(response.body) }).toEqual({ status: 200, body: { doubled: 4 } });
});

test('an invalid body is a 400 with the issues, and the use case never runs', async () => {
  const run = jest.fn();
  const response = await call(probe(), run, '{"n":"two"}');
  expect(response.statusCode).toBe(400);
  expect(JSON.parse(response.body).error.details[0].path).toBe('body.n');
  expect(run).not.toHaveBeenCalled();
});

test('a response that breaks its schema fails (500) instead of drifting from the document', async () => {
  const response = await call(probe(), async () => ({ doubled: 'four' }));
  expect(response.statusCode).toBe(500);
});

test('a refusal the route does not declare fails (500 UNDOCUMENTED_STATUS); declared, it is rendered', async () => {
  const busy = async () => {
    throw new BusyError('try again');
  };
  const undeclared = await call(probe(), busy);
  expect({ status: undeclared.statusCode, code: JSON.parse(undeclared.body).error.code }).toEqual({ status: 500, code: 'UNDOCUMENTED_STATUS' });
  const declared = await call(probe({ errors: [409] }), busy);
  expect({ status: declared.statusCode, code: JSON.parse(declared.body).error.code }).toEqual({ status: 409, code: 'BUSY' });
});

test('a file answer is base64-encoded with its content type, as Lambda proxy integrations need', async () => {
  const bytes = Buffer.from('Name,Code\r\nZoë,ABCD-EFGH-JKMN\r\n', 'utf8');
  const response = await call(probe({ response: { status: 200, contentType: 'text/csv', description: 'a file' } }), async () => HttpResult.file(200, bytes, 'text/csv; charset=utf-8'));
  expect(response.isBase64Encoded).toBe(true);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(Buffer.from(response.body, 'base64')).toEqual(bytes);
});
