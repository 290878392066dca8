/**
 * Headers on every answer. The FG interface is plain server-rendered HTML with forms and one
 * stylesheet: no script at all, so the CSP can forbid every script, frame and foreign resource.
 */
import type { MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function securityHeaders(https: boolean): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // a route that set its own (the public site allows its one script) keeps it
    if (!c.res.headers.has('content-security-policy')) c.header('content-security-policy', CONTENT_SECURITY_POLICY);
    c.header('x-content-type-options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on the console's own forms
    c.header('referrer-policy', 'same-origin');
    c.header('x-frame-options', 'DENY');
    c.header('cross-origin-opener-policy', 'same-origin');
    c.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (https) c.header('strict-transport-security', 'max-age=31536000');
  };
}
