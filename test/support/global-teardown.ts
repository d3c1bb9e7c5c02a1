export default async function globalTeardown(): Promise<void> {
  const dynamo = (globalThis as { __dynamo?: { stop(): Promise<void> } }).__dynamo;
  await dynamo?.stop();
}
