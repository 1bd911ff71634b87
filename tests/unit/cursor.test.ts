import { decodeCursor, encodeCursor } from '../../functions/lib/cursor';

const enc = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('list cursors', () => {
  const key = { PK: 'USER#1', SK: 'PLATFORM_ROLE', GSI1PK: 'PLATFORM_STAFF', GSI1SK: '2026-11-22#1' };

  it('round-trips a LastEvaluatedKey of the listing being read', () => {
    expect(decodeCursor(encodeCursor(key)!, { GSI1PK: 'PLATFORM_STAFF' })).toEqual(key);
    expect(decodeCursor(undefined, { PK: 'X' })).toBeUndefined();
  });

  it.each([
    ['another partition', { ...key, GSI1PK: 'MERCHANT#2#PRODUCTS' }],
    ['a key without the index attributes (DynamoDB would refuse it: a 500)', { GSI1PK: 'PLATFORM_STAFF' }],
    ['an extra attribute', { ...key, extra: 'x' }],
    ['a number where a string belongs', { ...key, SK: 1 }],
    ['an empty value', { ...key, SK: '' }],
    ['not an object', ['PLATFORM_STAFF']],
  ])('refuses %s with a 400', (_, value) => {
    expect(() => decodeCursor(enc(value), { GSI1PK: 'PLATFORM_STAFF' })).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('refuses text that is not base64url JSON with a 400', () => {
    expect(() => decodeCursor('%%%', { PK: 'X' })).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('needs PK and SK exactly for a table query', () => {
    expect(decodeCursor(enc({ PK: 'STOCK#1', SK: 'POSTING#2' }), { PK: 'STOCK#1' })).toEqual({ PK: 'STOCK#1', SK: 'POSTING#2' });
    expect(() => decodeCursor(enc({ PK: 'STOCK#1', SK: 'POSTING#2', GSI1PK: 'x' }), { PK: 'STOCK#1' })).toThrow(expect.objectContaining({ status: 400 }));
  });
});
