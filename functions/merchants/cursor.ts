export { decodeCursor, encodeCursor } from '../lib/cursor';
