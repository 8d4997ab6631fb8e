/**
 * The parts of a Postman v2.1 collection (https://schema.postman.com/collection/json/v2.1.0/)
 * that the suite writes (export.ts) and reads (import.ts). Everything else a collection may
 * hold is left out on export and ignored on import.
 */

export const COLLECTION_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

export interface PostmanCollection {
  readonly info: { readonly name: string; readonly description?: string; readonly schema: string };
  readonly item: readonly PostmanItem[];
  readonly auth?: PostmanAuth;
  readonly variable?: readonly PostmanVariable[];
}

/** A folder (`item` set) or a request (`request` set). */
export interface PostmanItem {
  readonly name: string;
  readonly description?: string;
  readonly item?: readonly PostmanItem[];
  readonly request?: PostmanRequest | string;
  readonly auth?: PostmanAuth;
  readonly event?: readonly PostmanEvent[];
  /** Saved examples: a response as recorded, its status among them. */
  readonly response?: readonly { readonly code?: number }[];
}

export interface PostmanRequest {
  readonly method?: string;
  readonly header?: readonly PostmanHeader[];
  readonly url?: string | PostmanUrl;
  readonly body?: PostmanBody;
  readonly description?: string;
  readonly auth?: PostmanAuth;
}

/** A request's credentials; a folder's or the collection's hold for the requests inside that have none. */
export interface PostmanAuth {
  readonly type: string;
  readonly bearer?: readonly PostmanVariable[];
  readonly basic?: readonly PostmanVariable[];
}

export interface PostmanHeader {
  readonly key: string;
  readonly value: string;
  readonly disabled?: boolean;
}

export interface PostmanUrl {
  readonly raw?: string;
  readonly host?: readonly string[] | string;
  readonly path?: readonly string[] | string;
  readonly query?: readonly { readonly key: string | null; readonly value: string | null; readonly disabled?: boolean }[];
}

export interface PostmanBody {
  readonly mode?: string;
  readonly raw?: string;
  readonly urlencoded?: readonly { readonly key: string; readonly value?: string; readonly disabled?: boolean }[];
}

export interface PostmanEvent {
  readonly listen: 'test' | 'prerequest';
  readonly script: { readonly type: 'text/javascript'; readonly exec: readonly string[] };
}

export interface PostmanVariable {
  readonly key: string;
  readonly value: string;
  readonly type?: string;
}

/** The variable every exported URL starts with: the server's `http://host:port`. */
export const BASE_URL = 'baseUrl';
