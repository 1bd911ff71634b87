import { createAfterSaleUpload } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import { objectKeys } from '../lib/object-keys';
import { imageUploadTicket } from '../merchants/uploads';

export const handler = http(createAfterSaleUpload, async ({ body, user }) => imageUploadTicket(objectKeys.afterSalePhotos(user.userId), body));
