// The API's typed client: openapi-fetch over the paths that openapi-typescript generated from the
// OpenAPI document (src/schema.d.ts, `make clients`). Both kinds of key are sent the same way.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema.js";

export type Api = Client<paths>;

export function client(baseUrl: string): Api {
  return createClient<paths>({ baseUrl });
}

export function keyed(baseUrl: string, key: string): Api {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Token ${key}` } });
}
