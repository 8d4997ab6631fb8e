/** The four forms of request-target (RFC 9112 §3.2), reduced to what routing needs. */
export type RequestTarget =
  | { readonly form: 'origin'; readonly path: string; readonly query: string }
  | { readonly form: 'absolute'; readonly authority: string; readonly path: string; readonly query: string }
  | { readonly form: 'authority' }
  | { readonly form: 'asterisk' };

const ABSOLUTE_PREFIX = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/** Classifies a target that the request-line parser already checked for visible ASCII only. */
export function maybeRequestTarget(target: string): RequestTarget | undefined {
  if (target.charCodeAt(0) === 0x2f /* / */) {
    const q = target.indexOf('?');
    return q === -1 ? { form: 'origin', path: target, query: '' } : { form: 'origin', path: target.slice(0, q), query: target.slice(q + 1) };
  }
  if (target === '*') return { form: 'asterisk' };
  const scheme = ABSOLUTE_PREFIX.exec(target);
  if (scheme !== null) {
    const rest = target.slice(scheme[0].length);
    const slash = rest.search(/[/?]/);
    const authority = slash === -1 ? rest : rest.slice(0, slash);
    if (authority === '') return undefined;
    const pathAndQuery = slash === -1 ? '/' : rest.slice(slash);
    const path = pathAndQuery.startsWith('?') ? `/${pathAndQuery}` : pathAndQuery;
    const q = path.indexOf('?');
    return q === -1 ? { form: 'absolute', authority, path, query: '' } : { form: 'absolute', authority, path: path.slice(0, q), query: path.slice(q + 1) };
  }
  if (/^[^/?#@]+:\d+$/.test(target)) return { form: 'authority' };
  return undefined;
}
