import { apiHandler, HttpResult } from '../../shared/http/handler';
import { exportCodes } from '../../shared/use-cases/code-exports';

export const handler = apiHandler('export-codes', async ({ school, body, actor }) => HttpResult.download(await exportCodes(school, body.studentIds, actor)));
