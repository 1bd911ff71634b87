import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { DEFAULT_RULES, type DistributionRules, type SaveDistributionRulesInput } from '@wxshop/shared/distribution';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { ConflictError, isConditionFailure } from '../lib/errors';
import { RulesItem } from './items';

const toRules = ({ entity: _entity, ...rules }: RulesItem): DistributionRules => rules;

/** The rules in force (AP129); distribution off (version 0) until the platform writes them. */
export async function getRules(consistent = false): Promise<DistributionRules> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.distributionRules(), ConsistentRead: consistent }));
  if (!out.Item) return DEFAULT_RULES;
  return toRules(RulesItem.parse(out.Item));
}

/**
 * Replaces the rules, conditional on the version the admin read (409 when someone saved in between).
 * The schema has already refused rates that, with the platform fee, could exceed profit sharing.
 * Existing orders keep the commission snapshotted on them (ADR 0066).
 */
export async function saveRules(input: z.output<typeof SaveDistributionRulesInput>, by: string, now = new Date()): Promise<DistributionRules> {
  const { expectedVersion, ...fields } = input;
  const item: RulesItem = { entity: 'DistributionRules', ...fields, version: expectedVersion + 1, updatedAt: now.toISOString(), updatedBy: by };
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.distributionRules(), ...item },
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :v',
        ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new ConflictError('the rules changed since they were read: read them again');
    throw err;
  }
  return toRules(item);
}
