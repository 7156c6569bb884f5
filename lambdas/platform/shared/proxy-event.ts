import type { APIGatewayProxyEvent } from 'aws-lambda';

/** A request header by name, whatever its case ('' when absent). */
export const proxyHeader = (event: APIGatewayProxyEvent, name: string): string =>
  Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';

/** The request body as text, decoded when API Gateway base64-encoded it ('' when none). */
export const proxyBody = (event: APIGatewayProxyEvent): string =>
  event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
