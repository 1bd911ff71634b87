/**
 * Daily check-in (ADR 0068): once per Asia/Shanghai day, with a streak bonus. The day's posting, its
 * reference `check_in:<day>` and the streak item are one transaction: a retried or concurrent check-in
 * credits once and answers the day's state.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CheckInResult, CheckInState, PointsRules } from '@wxshop/shared/points';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { AlreadyPosted, ExtraRefused, readAccount } from './ledger';
import { earn, getRules } from './points';
import { CheckInItem } from './items';
import { previousDay, shanghaiDay } from './calendar';

export const checkInPoints = (rules: PointsRules, streak: number): number =>
  rules.checkIn.points + Math.min(Math.max(0, streak - 1) * rules.checkIn.streakBonusPerDay, rules.checkIn.streakBonusMax);

export async function readCheckIn(userId: string): Promise<CheckInItem | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.checkIn(userId), ConsistentRead: true }));
  return out.Item ? CheckInItem.parse(out.Item) : null;
}

/** Today's state from the stored item: the streak continues only from yesterday. */
export function checkInState(item: CheckInItem | null, rules: PointsRules, now: Date): CheckInState {
  const day = shanghaiDay(now);
  if (item?.lastDay === day) return { day, checkedInToday: true, streak: item.streak, points: item.lastPoints };
  const streak = item?.lastDay === previousDay(day) ? item.streak : 0;
  return { day, checkedInToday: false, streak, points: checkInPoints(rules, streak + 1) };
}

/**
 * Checks the shopper in for today. Primary course: 1. today's state (already in: answer it, credit 0);
 * 2. the streak continues from yesterday or starts at 1; 3. the day's points are posted with the
 * streak item in one transaction. A concurrent check-in that lost answers the winner's state.
 */
export async function checkIn(userId: string, now = new Date()): Promise<CheckInResult> {
  const rules = await getRules();
  const item = await readCheckIn(userId);
  const state = checkInState(item, rules, now);
  if (state.checkedInToday) return { state, credited: 0, available: (await readAccount(userId)).available };
  const streak = state.streak + 1;
  const next: CheckInItem = { entity: 'CheckIn', userId, lastDay: state.day, streak, lastPoints: state.points };
  try {
    const posted = await earn(
      userId,
      {
        amount: state.points,
        source: 'check_in',
        reference: `check_in:${state.day}`,
        expiryMonths: rules.expiryMonths,
        extra: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.checkIn(userId), ...next },
              ConditionExpression: 'attribute_not_exists(PK) OR lastDay < :day',
              ExpressionAttributeValues: { ':day': state.day },
            },
          },
        ],
      },
      now,
    );
    return { state: { ...state, checkedInToday: true, streak }, credited: state.points, available: posted.account.available };
  } catch (err) {
    if (!(err instanceof AlreadyPosted) && !(err instanceof ExtraRefused)) throw err;
    const again = checkInState(await readCheckIn(userId), rules, now);
    return { state: again, credited: 0, available: (await readAccount(userId)).available };
  }
}
