import { createStoreUpload } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { imageUploadTicket } from './uploads';

export const handler = http(createStoreUpload, async ({ params, body }) => imageUploadTicket(`merchants/${params.merchantId}/store/`, body));
