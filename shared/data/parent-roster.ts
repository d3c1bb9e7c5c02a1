import { table, transact, Named, TransactItem } from './client';
import { keys } from './keys';
import { auditPut, AuditEvent } from './audit';
import { outboxPut } from './outbox';
import { firstNameOrderKey, nameOrderKey } from '../domain/names';
import { getParent, type Parent } from './parents';

export type UpsertOutcome = 'written' | 'unchanged' | 'user-name-taken' | 'rostered-elsewhere' | 'changed';

/**
 * Upserts a parent's roster fields (and only those: account state lives on the same item) in one
 * transaction with an audit event in the trail of every school that rosters the parent, so a
 * change made through one school is visible to all of them. The user name is claimed with a
 * uniqueness item; a renamed user name releases the old claim. A change of user name or email
 * keeps the previous contact on the item and announces `parent.contact-changed`, so the old
 * address hears of it. Records already as sent are not written.
 *
 * `mayClaim`: whether a parent rostered only by other schools may be taken into this school's
 * roster (district-wide staff); otherwise such a record is refused with 'rostered-elsewhere'.
 *
 * `byJob`: the import job writing, marked on the item, so the job's retried page finds its own
 * write and counts it 'written' again rather than 'unchanged'.
 */
export async function upsertParentProfile(parent: Parent, schoolId: string, audit: AuditEvent, mayClaim: boolean, byJob?: string): Promise<UpsertOutcome> {
  const existing = await getParent(parent.districtId, parent.parentId);
  const rosteredHere = existing?.rosterSchools?.has(schoolId) ?? false;
  if (existing && !rosteredHere && !mayClaim) return 'rostered-elsewhere';
  const same =
    existing &&
    rosteredHere &&
    existing.firstName === parent.firstName &&
    existing.lastName === parent.lastName &&
    existing.userName === parent.userName &&
    existing.email === parent.email;
  if (same) return byJob !== undefined && existing.rosteredByJob === byJob ? 'written' : 'unchanged';

  const contactChanged = existing && (existing.userName !== parent.userName || existing.email !== parent.email);
  const attributes = {
    districtId: parent.districtId,
    parentId: parent.parentId,
    firstName: parent.firstName,
    lastName: parent.lastName,
    userName: parent.userName,
    nameKey: nameOrderKey(parent.lastName, parent.firstName, parent.parentId),
    firstNameKey: firstNameOrderKey(parent.firstName, parent.lastName, parent.parentId),
    ...(parent.email ? { email: parent.email, emailKey: keys.emailKey(parent.districtId, parent.email) } : {}),
    ...(byJob ? { rosteredByJob: byJob } : {}),
    ...(contactChanged ? { previousContact: { userName: existing.userName, ...(existing.email ? { email: existing.email } : {}), changedAt: audit.at } } : {}),
  };
  const names = Object.keys(attributes) as (keyof typeof attributes)[];
  const schools = new Set([...(existing?.rosterSchools ?? []), schoolId]);
  const items: Named<TransactItem> = {
    parent: {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        UpdateExpression:
          `SET ${names.map((n) => `#${n} = :${n}`).join(', ')} ADD rosterSchools :school` +
          (parent.email ? '' : ' REMOVE email, emailKey'),
        // Guards against a concurrent change between our read and this write (name or tenancy).
        ConditionExpression: !existing
          ? 'attribute_not_exists(pk)'
          : rosteredHere
            ? 'userName = :oldUserName AND contains(rosterSchools, :schoolId)'
            : 'userName = :oldUserName',
        ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((n) => [`:${n}`, attributes[n]])),
          ':school': new Set([schoolId]),
          ...(existing ? { ':oldUserName': existing.userName } : {}),
          ...(rosteredHere ? { ':schoolId': schoolId } : {}),
        },
      },
    },
    userName: {
      Put: {
        TableName: table('parents'),
        Item: { ...keys.userName(parent.districtId, parent.userName), parentId: parent.parentId, districtId: parent.districtId },
        ConditionExpression: 'attribute_not_exists(pk) OR parentId = :me',
        ExpressionAttributeValues: { ':me': parent.parentId },
      },
    },
  };
  [...schools].forEach((school, i) => {
    items[`audit${i}`] = auditPut({ ...audit, schoolId: school, details: { ...audit.details, ...(rosteredHere ? {} : existing ? { claimedBy: schoolId } : {}) } });
  });
  if (existing && keys.userName(parent.districtId, existing.userName).pk !== keys.userName(parent.districtId, parent.userName).pk) {
    items.releaseUserName = {
      Delete: {
        TableName: table('parents'),
        Key: keys.userName(parent.districtId, existing.userName),
        ConditionExpression: 'parentId = :me',
        ExpressionAttributeValues: { ':me': parent.parentId },
      },
    };
  }
  if (contactChanged) {
    items.notice = outboxPut({ type: 'parent.contact-changed', at: audit.at, districtId: parent.districtId, parentId: parent.parentId, schoolId });
  }
  const cancelled = await transact(items);
  if (!cancelled) return 'written';
  if (cancelled.failed.has('userName')) return 'user-name-taken';
  // The parent item changed between our read and this write (another roster call, say).
  if (cancelled.failed.has('parent')) return 'changed';
  throw new Error(`Parent upsert cancelled: ${cancelled.codes}`);
}
