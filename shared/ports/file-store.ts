/**
 * Where bulk jobs keep the files they make (whole-school exports) and how staff fetch them: an
 * S3 bucket in AWS and, locally, the same S3 API on a local S3-compatible server. One adapter
 * serves both (shared/adapters/s3-file-store.ts); only the endpoint differs.
 */
export interface FileStore {
  put(key: string, body: Uint8Array | string, contentType: string): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Keys under a prefix, in key order (S3 lists keys in UTF-8 binary order). */
  list(prefix: string): Promise<string[]>;
  delete(keys: readonly string[]): Promise<void>;
  /** The object's size in bytes, or undefined when there is none (read before fetching an upload). */
  size(key: string): Promise<number | undefined>;
  /**
   * A short-lived link through which a browser or an SIS puts one file (a roster upload) of
   * exactly `bytes` bytes and type `contentType`: both are signed, so S3 refuses any other.
   */
  uploadLink(key: string, seconds: number, file: { bytes: number; contentType: string }): Promise<string>;
  /** A short-lived link that downloads the object under `fileName`. */
  downloadLink(key: string, fileName: string, seconds: number): Promise<string>;
}
