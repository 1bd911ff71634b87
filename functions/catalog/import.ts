/**
 * CSV import of draft products (docs/adr/0023-csv-product-import.md). Each product (its rows share a
 * handle) is created by `createProduct` in ONE transaction with its SKUs, codes and initial postings:
 * a refused product writes nothing. The report is stored (AP36) and can be read again.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { encodeTime, ulid } from 'ulid';
import { CURRENCIES } from '@wxshop/shared/money';
import { ImportReport, ImportSummary, type ImportProductResult, type ImportRowError, type ImportSummaryPage } from '@wxshop/shared/catalog';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { AppError, NotFoundError, ValidationError } from '../lib/errors';
import { getObject } from '../lib/storage';
import { logger } from '../lib/logger';
import { createProduct } from './product-content';
import { readMerchant } from './repo';
import { queryPage } from '../lib/table-ops';
import { MAX_IMPORT_BYTES, locate, readImport } from './csv';
import { objectKeys } from '../lib/object-keys';
import { effectPut, priorEffect } from '../lib/effects';

/** Where a merchant's import files are uploaded (the upload route answers keys under it). */
export const importPrefix = objectKeys.productImports;

async function readUploaded(merchantId: string, key: string): Promise<string> {
  if (!key.startsWith(importPrefix(merchantId)) || !key.endsWith('.csv'))
    throw new ValidationError({ 'body.key': 'not a CSV uploaded for this store (use the upload route with text/csv)' });
  try {
    const out = await getObject(key);
    if ((out.ContentLength ?? 0) > MAX_IMPORT_BYTES) throw new ValidationError({ 'body.key': 'the file is larger than 1 MiB' });
    return (await out.Body?.transformToString('utf-8')) ?? '';
  } catch (err) {
    if (err instanceof Error && (err.name === 'NoSuchKey' || err.name === 'NotFound'))
      throw new ValidationError({ 'body.key': 'no uploaded file with this key' });
    throw err;
  }
}

/**
 * Imports products from CSV text or an uploaded file. Primary course: 1. read the file and check the
 * header and row count (a file-level problem imports nothing); 2. group rows by handle; 3. per product,
 * create a draft in one transaction or record why it was refused, by line and column; 4. store the report.
 */
export async function importProducts(
  merchantId: string,
  source: { csv?: string; key?: string },
  actorId: string,
  now = new Date(),
  /** The request's idempotency reference: a re-run after a crash creates no product twice (ADR 0034). */
  reference?: string,
): Promise<ImportReport> {
  const merchant = await readMerchant(merchantId);
  const text = source.csv ?? (source.key ? await readUploaded(merchantId, source.key) : '');
  const prior = await priorEffect(reference);
  const id = prior?.resultId ?? ulid(now.getTime());
  const startedAt = typeof prior?.detail?.at === 'string' ? new Date(prior.detail.at) : now;
  const parsed = readImport(text, CURRENCIES[merchant.currency]);
  const products: ImportProductResult[] = [];
  let marked = !reference || prior !== null;
  for (const group of parsed.products) {
    const result: ImportProductResult = { handle: group.handle, lines: group.lines, accepted: false, productId: null, errors: group.errors };
    if (group.input && group.errors.length === 0) {
      if (!marked) {
        // before the first product: a re-run finds this import's id and time, hence the same product ids
        await db().send(new PutCommand(effectPut(reference!, { route: 'import-products', resultId: id, detail: { at: startedAt.toISOString() } }, now).Put!));
        marked = true;
      }
      try {
        const created = await createProduct(merchantId, group.input, actorId, {
          now: startedAt,
          reference: `import:${id}`,
          fieldPrefix: 'row',
          merchant,
          ...(reference ? { id: productIdFor(id, group.handle, startedAt) } : {}),
        });
        result.accepted = true;
        result.productId = created.id;
      } catch (err) {
        result.errors = errorsOf(err, group.lines);
      }
    }
    products.push(result);
  }
  const report: ImportReport = {
    id,
    merchantId,
    createdAt: startedAt.toISOString(),
    createdBy: actorId,
    rows: parsed.rows,
    accepted: products.filter((p) => p.accepted).length,
    refused: products.filter((p) => !p.accepted).length,
    errors: parsed.errors,
    products,
  };
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.importReport(merchantId, id), entity: 'ImportReport', ...report } }));
  return report;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A product id that is the same on every run of one import (a ULID of the import's time, its random part from the import and the handle). */
export function productIdFor(importId: string, handle: string, at: Date): string {
  const hash = createHash('sha256').update(`${importId}\u0000${handle}`).digest();
  let tail = '';
  for (let i = 0; i < 16; i += 1) tail += CROCKFORD[hash[i]! % 32];
  return encodeTime(at.getTime(), 10) + tail;
}

function errorsOf(err: unknown, lines: number[]): ImportRowError[] {
  if (err instanceof AppError) {
    const fields = Object.entries(err.extra.fields ?? {});
    if (fields.length > 0) return fields.map(([path, message]) => ({ ...locate(path.split('.').slice(1), lines), message }));
    return [{ line: lines[0] ?? 1, column: null, message: err.message }];
  }
  logger.error('import: a product could not be saved', { err: String(err) });
  return [{ line: lines[0] ?? 1, column: null, message: 'could not be saved: import this product again' }];
}

/** AP36: the merchant's import reports, newest first (ULID ids sort by time), counts only. */
export async function listImportReports(merchantId: string, opts: { limit?: number; cursor?: string } = {}): Promise<ImportSummaryPage> {
  const p = keys.importReportsPrefix(merchantId);
  const out = await queryPage(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
      ProjectionExpression: 'PK, SK, id, createdAt, createdBy, #rows, accepted, refused',
      ExpressionAttributeNames: { '#rows': 'rows' },
      ScanIndexForward: false,
    },
    { limit: opts.limit ?? 20, cursor: opts.cursor, expected: { PK: p.PK } },
  );
  return { items: out.items.map((i) => ImportSummary.parse(i)), nextCursor: out.nextCursor };
}

/** AP36: a stored import report of the merchant. */
export async function getImportReport(merchantId: string, importId: string): Promise<ImportReport> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.importReport(merchantId, importId) }));
  if (!out.Item) throw new NotFoundError('import');
  return ImportReport.parse(out.Item);
}
