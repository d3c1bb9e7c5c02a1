import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, paginateListObjectsV2, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { config } from '../config';
import type { FileStore } from '../ports/file-store';

/** The exports bucket through the S3 API; a local endpoint (path-style, as local servers need) off AWS. */
export function s3FileStore({ bucket, endpoint }: { bucket: string; endpoint?: string }): FileStore {
  const where = { region: config.AWS_REGION, ...(endpoint ? { endpoint, forcePathStyle: true } : {}) };
  const s3 = new S3Client(where);
  // Links are signed before their body exists: with the SDK's default (WHEN_SUPPORTED) a
  // presigned PUT carries x-amz-checksum-crc32 of an *empty* body, which S3 then checks against
  // the real upload and refuses (BadDigest). WHEN_REQUIRED signs no checksum
  // (https://docs.aws.amazon.com/sdkref/latest/guide/feature-dataintegrity.html).
  const presigner = new S3Client({ ...where, requestChecksumCalculation: 'WHEN_REQUIRED' });
  return {
    async put(key, body, contentType) {
      // Bytes with a known length: the SDK then sends one plain PUT.
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentLength: bytes.byteLength, ContentType: contentType }));
    },
    async get(key) {
      try {
        const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Body ? Buffer.from(await Body.transformToByteArray()) : undefined;
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    async size(key) {
      try {
        return (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength;
      } catch (error) {
        if (error instanceof NotFound || error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    async uploadLink(key, seconds, { bytes, contentType }) {
      // Content-Length and Content-Type signed: S3 refuses a PUT with another length or type
      // (SignatureDoesNotMatch), so the link admits exactly the file it was asked for
      // (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
      return getSignedUrl(presigner, new PutObjectCommand({ Bucket: bucket, Key: key, ContentLength: bytes, ContentType: contentType }), {
        expiresIn: seconds,
        signableHeaders: new Set(['content-length', 'content-type']),
      });
    },
    async list(prefix) {
      const found: string[] = [];
      for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
        found.push(...(page.Contents ?? []).map((object) => object.Key!));
      }
      return found.sort();
    },
    async delete(keys) {
      // DeleteObjects takes at most 1,000 keys (Amazon S3 API Reference, DeleteObjects).
      for (let i = 0; i < keys.length; i += 1000) {
        await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true } }));
      }
    },
    async downloadLink(key, fileName, seconds) {
      const ascii = fileName.replace(/[^\w.-]/g, '_');
      return getSignedUrl(
        presigner,
        new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: `attachment; filename="${ascii}"` }),
        { expiresIn: seconds },
      );
    },
  };
}
