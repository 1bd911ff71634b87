import { marshall } from '@aws-sdk/util-dynamodb';
import { readFunctions } from '../../infra/local/template';
import { matchesPattern, streamConsumers } from '../../infra/local/streams';

const record = (PK: string, SK: string, entity: string) => ({
  eventName: 'MODIFY',
  dynamodb: { Keys: marshall({ PK, SK }), NewImage: marshall({ PK, SK, entity }) },
});

describe('the index-products stream consumer', () => {
  const consumer = streamConsumers(readFunctions()).find((c) => c.name === 'index-products');
  const matches = (r: ReturnType<typeof record>) => consumer!.filterPatterns.some((p) => matchesPattern(p, r));

  it('is declared in serverless.yml with a filter and partial batch failures', () => {
    expect(consumer).toMatchObject({ handler: 'functions/browse/index-products.handler', batchSize: 100 });
    expect(consumer!.filterPatterns.length).toBeGreaterThan(0);
  });

  it('receives PRODUCT items only: not SKUs, stock postings or other entities', () => {
    expect(matches(record('PRODUCT#01J0000000000000000000000A', 'PRODUCT', 'Product'))).toBe(true);
    expect(matches(record('PRODUCT#01J0000000000000000000000A', 'SKU#01J0000000000000000000000B', 'Sku'))).toBe(false);
    expect(matches(record('STOCK#01J0000000000000000000000B', 'POSTING#01J0000000000000000000000C', 'StockPosting'))).toBe(false);
    expect(matches(record('USER#01J0000000000000000000000D', 'PROFILE', 'User'))).toBe(false);
  });
});
