/** The four forms of request-target (RFC 9112 §3.2), reduced to what routing needs. */
export type RequestTarget =
  | { readonly form: 'origin'; readonly path: string; readonly query: string }
  | { readonly form: 'absolute'; readonly authority: string; readonly path: string; readonly query: string }
  | { readonly form: 'authority' }
  | { readonly form: 'asterisk' };

const ABSOLUTE_PREFIX = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/** Classifies a target that the request-line parser already checked for visible ASCII only. */
export function maybeRequestTarget(target: string): RequestTarget | undefined {
  if (target.charCodeAt(0) === 0x2f /* / */) return { form: 'origin', ...splitQuery(target) };
  if (target === '*') return { form: 'asterisk' };
  const scheme = ABSOLUTE_PREFIX.exec(target);
  if (scheme !== null) {
    const rest = target.slice(scheme[0].length);
    const slash = rest.search(/[/?]/);
    const authority = slash === -1 ? rest : rest.slice(0, slash);
    if (authority === '') return undefined;
    const pathAndQuery = slash === -1 ? '/' : rest.slice(slash);
    return { form: 'absolute', authority, ...splitQuery(pathAndQuery.startsWith('?') ? `/${pathAndQuery}` : pathAndQuery) };
  }
  if (/^[^/?#@]+:\d+$/.test(target)) return { form: 'authority' };
  return undefined;
}

function splitQuery(pathAndQuery: string): { path: string; query: string } {
  const q = pathAndQuery.indexOf('?');
  return q === -1 ? { path: pathAndQuery, query: '' } : { path: pathAndQuery.slice(0, q), query: pathAndQuery.slice(q + 1) };
}
