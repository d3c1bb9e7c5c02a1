import { config } from './config';

let pepper: Promise<string> | undefined;

/**
 * The server-side pepper for code hashes. Locally it is config; in AWS it is read once per cold
 * start from Secrets Manager, so it never sits in a template or an environment variable.
 */
export function codePepper(): Promise<string> {
  pepper ??= loadPepper();
  return pepper;
}

async function loadPepper(): Promise<string> {
  if (config.CODE_PEPPER) return config.CODE_PEPPER;
  if (!config.CODE_PEPPER_SECRET_ARN) throw new Error('Neither CODE_PEPPER nor CODE_PEPPER_SECRET_ARN is set');
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const value = await getSecret(config.CODE_PEPPER_SECRET_ARN, { maxAge: 3600 });
  if (typeof value !== 'string' || value.length < 32) throw new Error('The code pepper secret is missing or too short');
  return value;
}
