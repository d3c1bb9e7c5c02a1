/** The part of @20minutes/s3rver 4's API we use (the package ships no type definitions). */
declare module '@20minutes/s3rver' {
  import type { RequestListener } from 'node:http';

  interface S3rverOptions {
    directory: string;
    silent?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string; configs: unknown[] }[];
  }
  /** A Koa application: `getMiddleware()` is its request handler (Koa's `callback()`). */
  export default class S3rver {
    constructor(options: S3rverOptions);
    /** Creates the `configureBuckets` buckets with their configurations (run() does it first). */
    configureBuckets(): Promise<void>;
    getMiddleware(): RequestListener;
  }
}
