import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import S3rver from '@20minutes/s3rver';
import { LOCAL_CREDENTIALS, listenOnPort, type PortRequest } from './dynamodb-local';
import { checkSignature } from './s3-signatures';

/** The bucket bulk jobs write exports to, locally (the stack names its own in AWS). */
export const LOCAL_EXPORTS_BUCKET = 'parent-access-exports';

const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>content-type</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

export interface RunningS3 {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * A local S3-compatible server (@20minutes/s3rver from npm, the maintained fork of s3rver) holding
 * the exports bucket, so exports go through the real S3 API and SDK. It answers with S3's errors
 * (bucket names, missing keys, expired presigned links), and in front of it every request but a
 * CORS preflight must carry a valid SigV4 signature of our local key (s3-signatures.ts): an
 * anonymous read or listing is refused, and a presigned upload refuses a length or a type other
 * than the ones it signed, as S3 does.
 *
 * No port: a free one. A number: that port or an error. A request: see `PortRequest`.
 */
export async function startS3Local(options: { directory: string; port?: number | PortRequest }): Promise<RunningS3> {
  mkdirSync(options.directory, { recursive: true });
  // s3rver knows one access key of its own; ours (the local credentials every SDK client uses) is added to it.
  const { DUMMY_ACCOUNT } = require('@20minutes/s3rver/lib/models/account') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };
  DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
  const s3rver = new S3rver({
    directory: options.directory,
    silent: true,
    // The fork checks SigV4 but builds bucket-level requests' canonical URI without the trailing
    // slash SDK v3 signs (ListObjectsV2 and DeleteObjects would fail), and lets unsigned requests
    // through: checkSignature, in front of it, does both as S3 does, so its own check is off.
    allowMismatchedSignatures: true,
    // The bucket's CORS rule as the stack sets it (infra/constructs/exports-bucket.ts): the console PUTs uploads.
    configureBuckets: [{ name: LOCAL_EXPORTS_BUCKET, configs: [CORS] }],
  });
  await s3rver.configureBuckets();
  // Our own HTTP server around s3rver's handler, so a port in use is an error we can handle
  // (s3rver's run() leaves it unhandled) and a held default gives way to a free port.
  const s3 = s3rver.getMiddleware();
  const secretOf = (accessKeyId: string) => (accessKeyId === LOCAL_CREDENTIALS.accessKeyId ? LOCAL_CREDENTIALS.secretAccessKey : undefined);
  const server = createServer((req, res) => {
    // A CORS preflight carries no credentials (Fetch standard); s3rver answers it from the bucket's rule.
    const refused = req.method === 'OPTIONS' ? undefined : checkSignature(req, secretOf);
    if (!refused) return s3(req, res);
    res.writeHead(refused.status, { 'content-type': 'application/xml', 'access-control-allow-origin': '*', connection: 'close' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refused.code}</Code><Message>${refused.message}</Message></Error>`);
    req.resume();
  });
  const request = typeof options.port === 'number' ? { port: options.port, explicit: true, label: 'port' } : options.port;
  const port = await listenOnPort(server, request, '127.0.0.1');
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

export function s3Environment(endpoint: string): Record<string, string> {
  return { S3_ENDPOINT: endpoint, EXPORTS_BUCKET: LOCAL_EXPORTS_BUCKET };
}
