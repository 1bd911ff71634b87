import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';

// NOTE: placeholder while the search indexer lands.
export const handler = async (_event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => ({ batchItemFailures: [] });
