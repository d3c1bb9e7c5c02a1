import { config } from '../config';
import { healingCache } from '../healing-cache';
import type { FileStore } from '../ports/file-store';
import type { JobScheduler } from '../ports/job-scheduler';
import type { JobStarter } from '../ports/job-starter';
import type { MailSender } from '../ports/mail-sender';
import type { Signer } from '../ports/token-signer';

/*
 * The one place that chooses adapters: from the configuration, once per Lambda instance (a
 * failed choice, such as a throttled KMS call, is forgotten and made again on the next call), or
 * the ones the local runtime and the tests hand in with `useLocalAdapters`. Each adapter is
 * loaded on first use, so a function bundles (and starts) only what it calls for. Nothing else
 * imports an adapter module (dependency-cruiser: adapters-are-chosen-in-one-place; the code
 * vault's key wrapper, chosen in shared/crypto/code-vault.ts, is the one left to move here).
 */

/** Every port this service has, by the name of the accessor that returns its adapter. */
export interface Adapters {
  jobStarter: JobStarter;
  jobScheduler: JobScheduler;
  fileStore: FileStore;
  tokenSigner: Signer;
  mailSender: MailSender;
}

let local: Partial<Adapters> = {};

/**
 * The local runtime's adapters (`npm start`, the tests): each one given replaces the
 * configuration's choice, and `undefined` goes back to it. In Lambda nothing calls this.
 */
export function useLocalAdapters(adapters: Partial<Adapters>): void {
  local = { ...local, ...adapters };
}

/** Step Functions in AWS; locally only a runner handed in by `useLocalAdapters` (there is no default). */
export function jobStarter(): Promise<JobStarter> {
  return local.jobStarter ? Promise.resolve(local.jobStarter) : configuredJobStarter();
}

/** EventBridge Scheduler when the stack names its group and role; otherwise schedules are only stored. */
export function jobScheduler(): Promise<JobScheduler> {
  return local.jobScheduler ? Promise.resolve(local.jobScheduler) : configuredJobScheduler();
}

/** The exports bucket, through the S3 API (a local S3-compatible endpoint off AWS). */
export function fileStore(): Promise<FileStore> {
  return local.fileStore ? Promise.resolve(local.fileStore) : configuredFileStore();
}

/** Parent tokens: a KMS key in AWS (the private key never leaves KMS), a JWK from config locally. */
export function tokenSigner(): Promise<Signer> {
  return local.tokenSigner ? Promise.resolve(local.tokenSigner) : configuredTokenSigner();
}

/** SMTP when MAIL_SMTP_URL names a server (local, tests); otherwise SES v2 with the stack's configuration set. */
export function mailSender(): Promise<MailSender> {
  return local.mailSender ? Promise.resolve(local.mailSender) : configuredMailSender();
}

// Marked pure so that a bundle which never calls an accessor drops its adapter with it.

const configuredJobStarter = /* @__PURE__ */ healingCache(async (): Promise<JobStarter> => {
  if (!config.STATE_MACHINE_ARN) throw new Error('No job runner: set STATE_MACHINE_ARN, or run the local service');
  return (await import('./sfn-job-starter')).sfnStarter(config.STATE_MACHINE_ARN);
});

const configuredJobScheduler = /* @__PURE__ */ healingCache(async (): Promise<JobScheduler> => {
  if (!config.SCHEDULER_ROLE_ARN || !config.STATE_MACHINE_ARN || !config.SCHEDULE_GROUP) return (await import('./stored-only-scheduler')).storedOnlyScheduler;
  return (await import('./eventbridge-scheduler')).eventBridgeScheduler({
    group: config.SCHEDULE_GROUP,
    roleArn: config.SCHEDULER_ROLE_ARN,
    stateMachineArn: config.STATE_MACHINE_ARN,
  });
});

const configuredFileStore = /* @__PURE__ */ healingCache(async (): Promise<FileStore> => {
  if (!config.EXPORTS_BUCKET) throw new Error('No exports bucket: set EXPORTS_BUCKET');
  return (await import('./s3-file-store')).s3FileStore({ bucket: config.EXPORTS_BUCKET, endpoint: config.S3_ENDPOINT });
});

const configuredTokenSigner = /* @__PURE__ */ healingCache(async (): Promise<Signer> => {
  if (config.PARENT_SIGNING_KEY) return (await import('./jwk-token-signer')).jwkSigner(JSON.parse(config.PARENT_SIGNING_KEY));
  if (config.PARENT_SIGNING_KMS_KEY_ID) return (await import('./kms-token-signer')).kmsSigner(config.PARENT_SIGNING_KMS_KEY_ID);
  throw new Error('Neither PARENT_SIGNING_KEY nor PARENT_SIGNING_KMS_KEY_ID is set');
});

const configuredMailSender = /* @__PURE__ */ healingCache(async (): Promise<MailSender> => {
  if (!config.MAIL_FROM) throw new Error('No sender address: set MAIL_FROM');
  if (config.MAIL_SMTP_URL) return (await import('./smtp-mail-sender')).smtpMailSender({ url: config.MAIL_SMTP_URL, from: config.MAIL_FROM });
  if (!config.MAIL_CONFIGURATION_SET) throw new Error('No SES configuration set: set MAIL_CONFIGURATION_SET');
  return (await import('./ses-mail-sender')).sesMailSender({ from: config.MAIL_FROM, configurationSet: config.MAIL_CONFIGURATION_SET });
});
