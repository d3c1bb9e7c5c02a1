/**
 * Every metric the functions publish (namespace `ParentAccess`, embedded-metric format), named
 * once: the code counts them and the CDK alarms and dashboard read them. Dimensions are ids only.
 */
export const METRIC_NAMESPACE = 'ParentAccess';
/** Powertools adds `service` to every metric's dimensions; alarms must name it too. */
export const SERVICE_NAME = 'parent-access';

export const METRICS = {
  /** A code linked a parent (dimensions: districtId, schoolId). */
  redeemSucceeded: 'RedeemSucceeded',
  /** A wrong, expired or reset code (districtId; and districtId + schoolId per school rostering the parent). */
  redeemFailed: 'RedeemFailed',
  /** Redeems refused by the guessing limits before any lookup (districtId). */
  redeemThrottled: 'RedeemThrottled',
  /** One address failing for many parents: guessing from a network (districtId). */
  redeemFailuresFromOneAddress: 'RedeemFailuresFromOneAddress',
  signInSucceeded: 'SignInSucceeded',
  signInFailed: 'SignInFailed',
  signInThrottled: 'SignInThrottled',
  accountLocked: 'AccountLocked',
  /** Codes issued in place of old ones (districtId, schoolId). */
  codesReset: 'CodesReset',
  linksRemoved: 'LinksRemoved',
  /** Codes handed out in a file (districtId, schoolId). */
  codesExported: 'CodesExported',
  passwordsSet: 'PasswordsSet',
  /** Bulk-job items done and failed, and segments given up (jobType). */
  jobItemsProcessed: 'JobItemsProcessed',
  jobItemsFailed: 'JobItemsFailed',
  jobSegmentsAbandoned: 'JobSegmentsAbandoned',
  jobsFailed: 'JobsFailed',
} as const;

export type MetricName = (typeof METRICS)[keyof typeof METRICS];
