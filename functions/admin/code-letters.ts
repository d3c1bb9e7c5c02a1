import { apiHandler, HttpResult } from '../../shared/http/handler';
import { exportsAndLettersRoutes } from '../../shared/contract/routes/exports-and-letters';
import { codeLetters } from '../../shared/use-cases/code-letters';

export const handler = apiHandler(exportsAndLettersRoutes, 'code-letters', async ({ school, body, actor }) => HttpResult.download(await codeLetters(school, body.studentIds, actor)));
