import { apiHandler } from '../../shared/http/handler';
import { previewCode } from '../../shared/use-cases/codes';

export const handler = apiHandler('preview-code', ({ principal, parent, body, sourceIp }) => previewCode(principal, body.code, sourceIp, parent.rosterSchools));
