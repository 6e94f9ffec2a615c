// Whether this machine has the IPv6 loopback: tests that squat or dial [::1] adapt (or say why
// they are skipped) where it has none, as Tessera itself does.
import { createServer } from 'node:net';

export function hasIpv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '::1', port: 0, ipv6Only: true }, () => server.close(() => resolve(true)));
  });
}

export const NO_IPV6_REASON = 'this machine has no IPv6 loopback (::1), so there is no second loopback to squat or dial';
