import { createCategoryIconUpload } from '@wxshop/shared/api/category';
import { http } from '../lib/http';
import { objectKeys } from '../lib/object-keys';
import { imageUploadTicket } from '../merchants/uploads';

export const handler = http(createCategoryIconUpload, async ({ body }) => imageUploadTicket(objectKeys.categoryIcons(), body));
