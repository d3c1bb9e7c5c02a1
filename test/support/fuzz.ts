import fc from 'fast-check';
import type { RouteDefinition } from '../../shared/contract/route';
import { uniqueId, Api, SchoolWorld } from './world';
import { districtState } from './state';
import { fieldsOf } from './contract';

/**
 * Hostile input for each route given (a route added to the table is fuzzed with no test edit):
 * wrong types, huge and deeply nested values, unicode, injection strings, missing and extra
 * fields (named after the route's own schema), its valid example with one field spoiled, odd
 * path segments. Every answer must be a 4xx with the error shape (or a 2xx for the rare input
 * that happens to be valid), never a 5xx, and a route that refused everything wrote nothing.
 */
export function describeFuzz(routes: readonly RouteDefinition[], runs: number, context: () => { api: Api; world: SchoolWorld }) {
  const hostileString = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom(
      "'; DROP TABLE students; --", '#', 'STUDENT#other#x', '../../etc/passwd', '%00', '\u0000', '\uFFFF', '𝕏'.repeat(50),
      '{"$ne":null}', '<script>alert(1)</script>', 'a'.repeat(5000), ' ', '', 'null', 'ZZZZ-ZZZZ-ZZZZ', '${jndi:ldap://x}',
    ),
  );
  const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      hostileString,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(hostileString, tie('value'), { maxKeys: 5 }),
    ),
  })).value;

  /** The route's own field names (from its schema), so inputs get past "unknown field" and test the values. */
  const bodyFields = (route: RouteDefinition) => [...fieldsOf(route.request?.body), route.id];

  /** The route's valid example with one field replaced by something hostile. */
  const mutatedExample = (route: RouteDefinition) => {
    const example = (route.example?.body ?? {}) as Record<string, unknown>;
    return fc.tuple(fc.constantFrom(...bodyFields(route)), hostileValue).map(([field, value]) => ({ ...example, [field]: value }));
  };

  const body = (route: RouteDefinition) =>
    fc.oneof(
      hostileValue,
      fc.dictionary(fc.constantFrom(...bodyFields(route)), hostileValue, { maxKeys: 6 }),
      mutatedExample(route),
      fc.record({ studentIds: fc.array(hostileString, { minLength: 501, maxLength: 600 }) }),
      fc.constant('{"unterminated": '),
      fc.constant('x'.repeat(200_000)),
    );

  const query = (route: RouteDefinition) => fc.dictionary(fc.constantFrom(...fieldsOf(route.request?.query), 'x'), hostileString, { maxKeys: 4 });

  describe.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
    test('hostile input gets a 4xx with the error shape, never a 5xx, and writes nothing', async () => {
      const { api, world } = context();
    const token = route.auth === 'parent' ? await world.parentToken('p0') : route.auth === 'staff' ? world.adminToken : undefined;
      const before = await districtState(world);
      let succeeded = 0;
      await fc.assert(
        fc.asyncProperty(body(route), query(route), fc.array(hostileString, { minLength: 3, maxLength: 3 }), async (payload, params, segments) => {
          // Path parameters: the caller's real school, or hostile segments in their place.
          let i = 0;
          const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
            name === 'schoolId' && segments[0]!.length % 2 === 0 ? world.school.schoolId : encodeURIComponent(segments[i++ % 3]! || 'x'),
          );
          const qs = new URLSearchParams(params as Record<string, string>).toString();
          const options = typeof payload === 'string' && payload.startsWith('{') ? { rawBody: payload } : { body: payload };
          const response = await api.request(route.method, `${path}${qs ? `?${qs}` : ''}`, {
            token,
            ip: uniqueId('ip'),
            ...(route.method === 'GET' ? {} : options),
          });
          expect({ status: response.status, answer: answerKind(response.status, response.body) }).toEqual({
            status: response.status,
            answer: expect.stringMatching(/^(success|our error shape|gateway 404)$/),
          });
          if (response.status < 400) succeeded++;
        }),
        { numRuns: runs },
      );
      // A route that refused every input wrote nothing (a GET writes only its audit of look-ups).
      const after = await districtState(world);
      expect(route.method !== 'GET' && succeeded === 0 ? after : before).toEqual(before);
    });
  });

}

/**
 * What kind of answer a response is. A hostile segment such as "." is normalized out of the URL,
 * so the path names no route: API Gateway answers that 404 itself, in its own shape. Every other
 * refusal is ours, `{ error: { code, message } }`.
 */
function answerKind(status: number, body: any): string {
  if (status >= 500) return `server error ${status}`;
  if (status < 400) return 'success';
  if (status === 404 && JSON.stringify(body) === '{"message":"Not Found"}') return 'gateway 404';
  const ours = typeof body?.error?.code === 'string' && /^[A-Z_]+$/.test(body.error.code) && typeof body.error.message === 'string';
  return ours ? 'our error shape' : `malformed refusal ${JSON.stringify(body).slice(0, 200)}`;
}
