import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table } from './client';
import { keys } from './keys';

export interface School {
  schoolId: string;
  districtId: string;
  name: string;
  /** When set, new codes expire this many days after they are issued. */
  codeTtlDays?: number;
  /** How staff-set passwords are made: the article's default (last name + first initial) or random. */
  passwordPolicy?: 'default' | 'random';
}

export async function getSchool(schoolId: string): Promise<School | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table('schools'), Key: keys.school(schoolId) }));
  return Item ? toSchool(Item) : undefined;
}

export async function putSchool(school: School): Promise<void> {
  await dynamo.send(new PutCommand({ TableName: table('schools'), Item: { ...keys.school(school.schoolId), ...school } }));
}

function toSchool(item: Record<string, unknown>): School {
  const { pk: _pk, ...school } = item;
  return school as unknown as School;
}
