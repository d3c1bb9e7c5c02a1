import { randomUUID } from 'node:crypto';
import { dynamo } from '../../shared/data/client';

/** Counts the DynamoDB calls (by command name) made while `run` executes, in this process. */
export async function countDynamoCalls(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const name = `count-${randomUUID()}`;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      counts[context.commandName!] = (counts[context.commandName!] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await run();
  } finally {
    dynamo.middlewareStack.remove(name);
  }
  return counts;
}
