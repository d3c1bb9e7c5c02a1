import { GetCommand, paginateQuery, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table, transact } from './client';
import { auditPut, AuditEvent } from './audit';
import { keys, type SchoolRef } from './keys';

export interface School {
  schoolId: string;
  districtId: string;
  name: string;
  /** When set, new codes expire this many days after they are issued. */
  codeTtlDays?: number;
  /** How staff-set passwords are made: the article's default (last name + first initial) or random. */
  passwordPolicy?: 'default' | 'random';
  /** The school's own words on code letters, and how parents reach the school. */
  letterText?: string;
  contactLine?: string;
  /** Days an invitation's activation link works (default `INVITATION_DAYS`). */
  invitationDays?: number;
  /** The school's own words in its invitation mails. */
  invitationText?: string;
  /** Whether parents may ask for a lost code from the sign-in page (default on). */
  lostCodeRequests?: 'on' | 'off';
  updatedAt?: string;
}

export type SchoolSettings = Omit<School, 'schoolId' | 'districtId' | 'updatedAt'>;

export async function getSchool(school: SchoolRef): Promise<School | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table('schools'), Key: keys.school(school) }));
  return Item ? toSchool(Item) : undefined;
}

export async function putSchool(school: School): Promise<void> {
  await dynamo.send(new PutCommand({ TableName: table('schools'), Item: { ...keys.school(school), ...school } }));
}

/** Creates or updates a school with its audit event, in one transaction. */
export async function saveSchool(school: School, audit: AuditEvent): Promise<void> {
  const cancelled = await transact({
    school: { Put: { TableName: table('schools'), Item: { ...keys.school(school), ...school } } },
    audit: auditPut(audit),
  });
  if (cancelled) throw new Error(`School save cancelled: ${cancelled.codes}`);
}

export async function schoolsOfDistrict(districtId: string): Promise<School[]> {
  const schools: School[] = [];
  const pages = paginateQuery(
    { client: dynamo },
    { TableName: table('schools'), IndexName: 'byDistrict', KeyConditionExpression: 'districtId = :d', ExpressionAttributeValues: { ':d': districtId } },
  );
  for await (const page of pages) schools.push(...(page.Items ?? []).map(toSchool));
  return schools;
}

function toSchool(item: Record<string, unknown>): School {
  const { pk: _pk, ...school } = item;
  return school as unknown as School;
}
