// Fallback for targets without their own file (and for tsc): behaves like H5.
export { canPickCsv, contentTypeOf, pickFiles, putFile, readText, UploadError } from './upload.h5';
export type { PickKind, PickedFile, PutTarget } from './upload.h5';
