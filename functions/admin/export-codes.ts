import { apiHandler, HttpResult } from '../../shared/http/handler';
import { exportsAndLettersRoutes } from '../../shared/contract/routes/exports-and-letters';
import { exportCodes } from '../../shared/use-cases/code-exports';

export const handler = apiHandler(exportsAndLettersRoutes, 'export-codes', async ({ school, body, actor }) => HttpResult.download(await exportCodes(school, body.studentIds, actor)));
