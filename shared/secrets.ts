import { config } from './config';
import { healingCache } from './healing-cache';

/**
 * The server-side pepper for code hashes. Locally it is config; in AWS it is read once per warm
 * instance from Secrets Manager, so it never sits in a template or an environment variable. A
 * failed read is not kept: the next request tries again.
 */
export const codePepper = healingCache(async () => {
  if (config.CODE_PEPPER) return config.CODE_PEPPER;
  if (!config.CODE_PEPPER_SECRET_ARN) throw new Error('Neither CODE_PEPPER nor CODE_PEPPER_SECRET_ARN is set');
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const value = await getSecret(config.CODE_PEPPER_SECRET_ARN, { maxAge: 3600 });
  if (typeof value !== 'string' || value.length < 32) throw new Error('The code pepper secret is missing or too short');
  return value;
});

/**
 * The secret CloudFront sends to the API with every request (origin custom header), so that the
 * viewer's address it passes along can be believed. Undefined when the API has no distribution.
 */
export const originSecret = healingCache(async (): Promise<string | undefined> => {
  if (config.ORIGIN_VERIFY_SECRET) return config.ORIGIN_VERIFY_SECRET;
  if (!config.ORIGIN_VERIFY_SECRET_ARN) return undefined;
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const value = await getSecret(config.ORIGIN_VERIFY_SECRET_ARN, { maxAge: 3600 });
  if (typeof value !== 'string' || value.length < 32) throw new Error('The origin secret is missing or too short');
  return value;
});
