import { apiHandler } from '../../shared/http/handler';
import { openApiDocument } from '../../shared/contract/openapi';

/** The API's contract, generated from the route table at build time of the bundle. */
export const handler = apiHandler('openapi', async () => openApiDocument());
