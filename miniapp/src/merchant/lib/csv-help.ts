/**
 * The CSV import format, for the page help (the API's parser is functions/catalog/csv.ts; the
 * backend's sample is docs/samples/products.csv). One row per SKU; rows of one product share a handle.
 */
export { CSV_COLUMNS, REQUIRED_CSV_COLUMNS } from '@wxshop/shared';

/** Inline CSV is capped by the API (the JSON body is small); bigger files go up as an upload. */
export const MAX_INLINE_CSV = 60_000;

/** A two-SKU example to start from (category id and image key are placeholders to replace). */
export const SAMPLE_CSV = [
  'handle,title_zh,title_en,description_zh,category_id,image_keys,spec1_name,spec1_value,sku_code,price,market_price,stock',
  'tee-basic,纯棉T恤,Cotton tee,100% 纯棉,<category_id>,<image_key>,颜色,白色,TEE-W,59.00,79.00,100',
  'tee-basic,,,,,,颜色,黑色,TEE-B,59.00,79.00,80',
].join('\n');
