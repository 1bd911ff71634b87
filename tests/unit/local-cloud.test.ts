import { isDue, periodOf, scheduledFunctions } from '../../infra/local/scheduler';
import { matchesPattern, streamConsumers } from '../../infra/local/streams';
import { readFunctions } from '../../infra/local/template';

describe('local scheduler', () => {
  it('fires cron(5 16 * * ? *) at 16:05 UTC only', () => {
    expect(isDue('cron(5 16 * * ? *)', new Date('2026-11-22T16:05:30Z'))).toBe(true);
    expect(isDue('cron(5 16 * * ? *)', new Date('2026-11-22T16:06:00Z'))).toBe(false);
    expect(isDue('cron(5 16 * * ? *)', new Date('2026-11-22T15:05:00Z'))).toBe(false);
  });

  it('understands lists, ranges, steps and day names', () => {
    expect(isDue('cron(0/15 * * * ? *)', new Date('2026-11-22T10:45:00Z'))).toBe(true);
    expect(isDue('cron(0/15 * * * ? *)', new Date('2026-11-22T10:46:00Z'))).toBe(false);
    expect(isDue('cron(0 9 ? * MON-FRI *)', new Date('2026-11-23T09:00:00Z'))).toBe(true); // a Monday
    expect(isDue('cron(0 9 ? * MON-FRI *)', new Date('2026-11-22T09:00:00Z'))).toBe(false); // a Sunday
    expect(isDue('cron(0 0 1,15 * ? *)', new Date('2026-11-15T00:00:00Z'))).toBe(true);
  });

  it('counts rate() expressions from the epoch', () => {
    expect(isDue('rate(5 minutes)', new Date('2026-11-22T10:05:00Z'))).toBe(true);
    expect(isDue('rate(5 minutes)', new Date('2026-11-22T10:06:00Z'))).toBe(false);
    expect(isDue('rate(1 hour)', new Date('2026-11-22T10:00:00Z'))).toBe(true);
  });

  it('runs rate() schedules once per shortened minute in test stacks, and cron() ones on real minutes', () => {
    const t = Date.parse('2026-11-22T10:05:00Z');
    // a 5 s minute: rate(1 minute) is a new period (a run) every 5 s, rate(2 minutes) every 10 s
    expect(periodOf('rate(1 minute)', t + 4_999, 5_000)).toBe(periodOf('rate(1 minute)', t, 5_000));
    expect(periodOf('rate(1 minute)', t + 5_000, 5_000)).toBe(periodOf('rate(1 minute)', t, 5_000) + 1);
    expect(periodOf('rate(2 minutes)', t + 5_000, 5_000)).toBe(periodOf('rate(2 minutes)', t, 5_000));
    expect(periodOf('rate(2 minutes)', t + 10_000, 5_000)).toBe(periodOf('rate(2 minutes)', t, 5_000) + 1);
    expect(periodOf('cron(5 16 * * ? *)', t + 59_000, 5_000)).toBe(periodOf('cron(5 16 * * ? *)', t, 5_000));
    // the default minute is a real one
    expect(periodOf('rate(1 minute)', t + 59_999)).toBe(periodOf('rate(1 minute)', t));
  });

  it('rejects what EventBridge would reject', () => {
    expect(() => isDue('cron(5 16 * * ?)', new Date())).toThrow(/6 fields/);
    expect(() => isDue('every day', new Date())).toThrow(/unsupported/);
  });
});

describe('local stream event source', () => {
  const insertUser = { eventName: 'INSERT', dynamodb: { NewImage: { entity: { S: 'User' } } } };
  const pattern = { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['User'] } } } };

  it('applies Lambda filter patterns', () => {
    expect(matchesPattern(pattern, insertUser)).toBe(true);
    expect(matchesPattern(pattern, { ...insertUser, eventName: 'MODIFY' })).toBe(false);
    expect(matchesPattern(pattern, { eventName: 'INSERT', dynamodb: { NewImage: { entity: { S: 'Session' } } } })).toBe(false);
    expect(matchesPattern(pattern, { eventName: 'INSERT' })).toBe(false);
  });

  it('reads the stream consumers and schedules declared in serverless.yml', () => {
    const functions = readFunctions();
    expect(streamConsumers(functions).map((c) => c.name)).toContain('count-signups');
    expect(scheduledFunctions(functions)).toContainEqual(expect.objectContaining({ name: 'rollup-daily-stats', expression: 'cron(5 16 * * ? *)' }));
  });
});
