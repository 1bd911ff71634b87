import { createStoreUpload } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { objectKeys } from '../lib/object-keys';
import { imageUploadTicket } from './uploads';

export const handler = http(createStoreUpload, async ({ params, body }) => imageUploadTicket(objectKeys.storeImages(params.merchantId), body));
