import type { Context, EventBridgeEvent } from 'aws-lambda';
import { localBindings } from '../../shared/config';
import { readOutbox } from '../../shared/data/outbox';
import { mapWithConcurrency } from '../../shared/concurrency';
import { MAIL_FUNCTIONS } from '../mail-functions';
import { lambdaContext } from './lambda-context';

type Handler = (event: EventBridgeEvent<'parent-notice', { eventId: string; type: string; districtId: string; parentId: string; at: string }>, context: Context) => Promise<unknown>;

/**
 * The outbox pipe's local stand-in: every new outbox item becomes the event the pipe's input
 * template makes (ids only) and goes to the mailer's handler, inside the mailer's grants. It
 * reads the table every `intervalMs` (AWS reads the table's stream); an item already handed on is
 * not handed on again, and the mailer's own claim makes a repeat after a restart send nothing.
 * A failed delivery is tried again on the next pass, as EventBridge retries an async invocation.
 * `since`: `npm start` relays what happens from its start on, not the demo school's seeding.
 * Tests relay one district's events only (`districtId`), so a test's mail is its own.
 */
export function startNoticeRelay(options: { intervalMs?: number; districtId?: string; since?: string } = {}): { drain(): Promise<void>; stop(): void } {
  const handedOn = new Set<string>();
  let handler: Handler | undefined;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    handler ??= (await import('../../functions/mail/send-notice')).handler as unknown as Handler;
    const fresh = (await readOutbox(options.districtId ? { districtId: options.districtId } : {})).filter(
      (event) => !handedOn.has(event.eventId) && !(options.since && event.at < options.since),
    );
    // A few at once, as EventBridge invokes the mailer concurrently: a bulk job's notices do not queue up the next mail.
    await mapWithConcurrency(fresh, 8, async (event) => {
      const detail = { type: event.type, at: event.at, districtId: event.districtId, parentId: event.parentId, eventId: event.eventId };
      const bound = { functionName: MAIL_FUNCTIONS.sendNotice.name, tables: MAIL_FUNCTIONS.sendNotice.tables };
      try {
        await localBindings.run(bound, () =>
          handler!(
            { id: event.eventId, version: '0', account: '000000000000', time: event.at, region: 'local', resources: [], source: 'parent-access', 'detail-type': 'parent-notice', detail },
            lambdaContext(MAIL_FUNCTIONS.sendNotice.name, '1024', MAIL_FUNCTIONS.sendNotice.timeoutSeconds * 1000),
          ),
        );
        handedOn.add(event.eventId);
      } catch {
        // Logged by the mailer (ids only); the next pass retries.
      }
    });
  };
  const tick = () => {
    running = running.then(pass).catch(() => undefined);
    return running;
  };
  const timer = setInterval(tick, options.intervalMs ?? 1000);
  timer.unref();
  return {
    /** One pass now, after any pass under way: every event written before the call is handed on. */
    drain: () => tick(),
    stop: () => clearInterval(timer),
  };
}
