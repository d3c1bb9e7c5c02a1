import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApiDocument } from '../shared/contract/openapi';

/**
 * `npm run openapi`: writes the API document generated from the route table to openapi.json, and
 * the console's typed client types generated from that document (openapi-typescript).
 */
export const OPENAPI_FILE = resolve(__dirname, '..', 'openapi.json');
export const CONSOLE_TYPES_FILE = resolve(__dirname, '..', 'console', 'src', 'api', 'schema.d.ts');

export function renderOpenApi(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

export async function renderConsoleTypes(): Promise<string> {
  // Loaded on use: openapi-typescript is ESM throughout, which jest (CommonJS) cannot load.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const header = '// Generated from openapi.json by `npm run openapi` (openapi-typescript). Do not edit.\n';
  return header + astToString(await openapiTS(JSON.parse(renderOpenApi()) as Parameters<typeof openapiTS>[0]));
}

if (require.main === module) {
  void (async () => {
    // The drift test asks for the types on stdout (openapi-typescript is ESM all the way down; jest is not).
    if (process.argv.includes('--print-console-types')) return void process.stdout.write(await renderConsoleTypes());
    writeFileSync(OPENAPI_FILE, renderOpenApi());
    writeFileSync(CONSOLE_TYPES_FILE, await renderConsoleTypes());
    console.log(`wrote ${OPENAPI_FILE} and ${CONSOLE_TYPES_FILE}`);
  })();
}
