export default async function globalTeardown(): Promise<void> {
  const running = globalThis as { __dynamo?: { stop(): Promise<void> }; __s3?: { stop(): Promise<void> }; __mail?: { stop(): Promise<void> } };
  await Promise.all([running.__dynamo?.stop(), running.__s3?.stop(), running.__mail?.stop()]);
}
