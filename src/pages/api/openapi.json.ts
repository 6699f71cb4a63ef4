import type { APIRoute } from 'astro';
import { getConfig } from '../../server/config';
import { json, methodNotAllowed } from '../../server/http/api-response';
import { openApiDocument } from '../../server/openapi/document';

export const GET: APIRoute = () => json(openApiDocument(getConfig().siteUrl));
export const HEAD = GET;
export const ALL: APIRoute = methodNotAllowed;
