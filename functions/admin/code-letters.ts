import { apiHandler, HttpResult } from '../../shared/http/handler';
import { codeLetters } from '../../shared/use-cases/code-letters';

export const handler = apiHandler('code-letters', async ({ school, body, actor }) => HttpResult.download(await codeLetters(school, body.studentIds, actor)));
