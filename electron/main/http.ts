// Core's HTTP client: axios on Chromium's network stack, so the system proxy (PAC, WPAD,
// authenticated proxies) and the OS certificate store apply, which POS networks depend on.
//
// Requests go through a session of their own rather than net.fetch (the default session's):
// net.fetch triggers the default session's webRequest handlers, where the window's
// no-remote-content filter would cancel every provider call. This session is in memory with
// its HTTP cache off, so token responses never land in a disk cache, and it only speaks HTTP(S).
import axios, { type AxiosInstance } from 'axios';
import { session } from 'electron';

const HTTP_PARTITION = 'tessera-http';

export function createHttpClient(): AxiosInstance {
  const ses = session.fromPartition(HTTP_PARTITION, { cache: false });
  // Core only builds http(s) URLs; this keeps file: and custom schemes out even if it did not.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const scheme = details.url.slice(0, details.url.indexOf(':') + 1);
    callback({ cancel: scheme !== 'https:' && scheme !== 'http:' });
  });
  return axios.create({
    adapter: 'fetch',
    env: {
      // axios may pass a URL object; Electron's fetch takes a string or a Request.
      fetch: (input, init) => ses.fetch(input instanceof URL ? input.href : input, init),
    },
  });
}
