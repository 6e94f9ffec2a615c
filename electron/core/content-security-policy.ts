// The Content-Security-Policy the renderer runs under, in one place: the Electron window sends
// it on every app:// response and the browser host on every HTTP response. `connect-src 'self'`
// covers the browser host's WebSocket; the app window talks to main over IPC, not the network.
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
