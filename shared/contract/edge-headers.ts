/** Headers between CloudFront and the API (see shared/http/client-address.ts and infra/constructs/edge-protection.ts). */

/** Set by our CloudFront function from the viewer's address; any value a client sends is overwritten. */
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address';
/** Added by CloudFront to every origin request (an origin custom header): proof the request came through it. */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
