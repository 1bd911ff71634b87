/**
 * S3 object keys of the uploads bucket, and the ONLY place one is built (table keys live in keys.ts).
 * A prefix ends with `/`; an upload's key is `<prefix><ulid>.<ext>` (see `uploadKey`), and write routes
 * accept a key only under the caller's own prefix (`assertUploaded`, the rules' `startsWith` checks).
 *
 *  merchants/<mid>/store/<ulid>.<ext>              store logo, banner and layout images (public)
 *  merchants/<mid>/products/<ulid>.<ext>           product images and videos (public)
 *  merchants/<mid>/products/imports/<ulid>.csv     CSV product imports (read by the import route)
 *  applications/<uid>/<ulid>.<ext>                 store application documents (private: signed GETs)
 *  categories/<ulid>.<ext>                         category icons (public)
 *  after-sales/<uid>/<ulid>.<ext>                  a shopper's after-sale photos (private: signed GETs for the store)
 *  reviews/<uid>/<ulid>.<ext>                      review photos, videos and video covers (public once the review passes its checks)
 *  shares/<scene>.png                              a share's mini-program code, generated once (public)
 */
export const objectKeys = {
  storeImages: (merchantId: string): string => `merchants/${merchantId}/store/`,
  productMedia: (merchantId: string): string => `merchants/${merchantId}/products/`,
  productImports: (merchantId: string): string => `merchants/${merchantId}/products/imports/`,
  applicationDocuments: (userId: string): string => `applications/${userId}/`,
  categoryIcons: (): string => 'categories/',
  afterSalePhotos: (userId: string): string => `after-sales/${userId}/`,
  reviewMedia: (userId: string): string => `reviews/${userId}/`,
  shareCode: (scene: string): string => `shares/${scene}.png`,
} as const;

/** The key of one upload under `prefix`. */
export const uploadKey = (prefix: string, id: string, extension: string): string => `${prefix}${id}.${extension}`;
