import { createApplicationUpload } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { imageUploadTicket } from './uploads';

export const handler = http(createApplicationUpload, async ({ body, user }) => imageUploadTicket(`applications/${user.userId}/`, body));
