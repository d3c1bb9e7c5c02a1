import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { openApiDocument } from '../../shared/contract/openapi';

/** The API's contract, generated from the route table at build time of the bundle. */
export const handler = apiHandler(parentPortalRoutes, 'openapi', async () => openApiDocument() as ReturnType<typeof openApiDocument> & Record<string, unknown>);
