/** Where each local part listens. Override any with its env var. */
export const PORTS = {
  api: Number(process.env.API_PORT ?? 3000),
  lambda: Number(process.env.LAMBDA_PORT ?? 3002),
  dynamodb: Number(process.env.DYNAMODB_PORT ?? 8000),
  s3: Number(process.env.S3_PORT ?? 4569),
  sims: Number(process.env.SIM_PORT ?? 4010),
  h5: Number(process.env.H5_PORT ?? 8080),
};
export const HOST = '127.0.0.1';
export const url = (port: number): string => `http://${HOST}:${port}`;
