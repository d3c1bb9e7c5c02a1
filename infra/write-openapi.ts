import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApiDocument } from '../shared/contract/openapi';

/** `npm run openapi`: writes the API document generated from the route table to openapi.json. */
export const OPENAPI_FILE = resolve(__dirname, '..', 'openapi.json');

export function renderOpenApi(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(OPENAPI_FILE, renderOpenApi());
  console.log(`wrote ${OPENAPI_FILE}`);
}
