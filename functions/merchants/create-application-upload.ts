import { createApplicationUpload } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { objectKeys } from '../lib/object-keys';
import { imageUploadTicket } from './uploads';

export const handler = http(createApplicationUpload, async ({ body, user }) => imageUploadTicket(objectKeys.applicationDocuments(user.userId), body));
