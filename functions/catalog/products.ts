/**
 * Products and their SKUs, for the callers that use many of these services (the seed script, tests).
 * A handler imports the one module it needs: product-content (create, update, delete), product-queries
 * (reads, listings), product-lifecycle (submit, review, shelf), store-selling (the store status fan-out);
 * product-writes holds the builders they share.
 */
export { createProduct, deleteProduct, updateProduct, type CreateOptions } from './product-content';
export { getMerchantProduct, getProductForReview, listMerchantProducts, listProductsByStatus } from './product-queries';
export { approveProduct, putOnShelf, rejectProduct, submitProduct, takeOffShelf } from './product-lifecycle';
export { setStoreSelling } from './store-selling';
export { priceRange, productIndexKeys } from './product-writes';
