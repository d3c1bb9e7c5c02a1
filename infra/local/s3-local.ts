import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { LOCAL_CREDENTIALS } from './dynamodb-local';

/** The bucket bulk jobs write exports to, locally (the stack names its own in AWS). */
export const LOCAL_EXPORTS_BUCKET = 'parent-access-exports';

const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>content-type</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

export interface RunningS3 {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * A local S3-compatible server (s3rver, from npm) holding the exports bucket, so exports go
 * through the real S3 API and SDK. It answers with S3's errors (bucket names, missing keys,
 * expired presigned links); it does not check SigV4 signatures, which only AWS can.
 */
export async function startS3Local(options: { directory: string; port?: number }): Promise<RunningS3> {
  mkdirSync(options.directory, { recursive: true });
  // s3rver knows one access key of its own; ours (the local credentials every SDK client uses) is added to it.
  const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };
  DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    directory: options.directory,
    silent: true,
    // The bucket's CORS rule as the stack sets it (infra/constructs/exports-bucket.ts): the console PUTs uploads.
    configureBuckets: [{ name: LOCAL_EXPORTS_BUCKET, configs: [CORS] }],
  });
  const { port } = (await server.run()) as { port: number };
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}

export function s3Environment(endpoint: string): Record<string, string> {
  return { S3_ENDPOINT: endpoint, EXPORTS_BUCKET: LOCAL_EXPORTS_BUCKET };
}
