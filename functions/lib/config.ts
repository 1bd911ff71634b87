/** Reads a required environment variable, with a clear error naming it. */
export function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`Missing environment variable ${name}`);
  return value;
}

export function envOr(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

export const stage = (): string => envOr('STAGE', 'local');
export const isLocal = (): boolean => stage() === 'local' || stage() === 'test';
