import { createCategoryIconUpload } from '@wxshop/shared';
import { http } from '../lib/http';
import { imageUploadTicket } from '../merchants/uploads';

export const handler = http(createCategoryIconUpload, async ({ body }) => imageUploadTicket('categories/', body));
