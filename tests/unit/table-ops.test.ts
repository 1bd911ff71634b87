import { changesExpression, updateExpression } from '../../functions/lib/table-ops';

describe('update expression builders', () => {
  it('aliases every name, sets values and removes attributes', () => {
    expect(updateExpression({ name: 'A', status: 'open' }, ['iconKey'])).toEqual({
      UpdateExpression: 'SET #u1 = :u1, #u2 = :u2 REMOVE #u3',
      ExpressionAttributeNames: { '#u1': 'name', '#u2': 'status', '#u3': 'iconKey' },
      ExpressionAttributeValues: { ':u1': 'A', ':u2': 'open' },
    });
  });

  it('turns a change set into SET for values, REMOVE for null, nothing for undefined', () => {
    const parts = changesExpression({ name: 'B', iconKey: null, order: undefined }, { updatedAt: 't' });
    expect(parts.UpdateExpression).toBe('SET #u1 = :u1, #u2 = :u2 REMOVE #u3');
    expect(parts.ExpressionAttributeNames).toEqual({ '#u1': 'updatedAt', '#u2': 'name', '#u3': 'iconKey' });
    expect(parts.ExpressionAttributeValues).toEqual({ ':u1': 't', ':u2': 'B' });
  });

  it('omits ExpressionAttributeValues when only removing (DynamoDB refuses an empty map) and refuses an empty update', () => {
    expect(updateExpression({}, ['a'])).toEqual({ UpdateExpression: 'REMOVE #u1', ExpressionAttributeNames: { '#u1': 'a' } });
    expect(() => updateExpression({ a: undefined })).toThrow('nothing to set or remove');
  });
});
