// GET /v1/hello?nonce=…: lets a POS program check that it is talking to Tessera before it sends
// its access key, since another program may have taken the port (issue 10, finding 4).
//
// Tessera stores only H = SHA-256(access key); a client holding the key computes H too. The
// answer carries, for every stored key, HMAC-SHA256(H, "tessera-hello-v1\n" nonce "\n" address
// "\n" port), where address and port are the loopback address and port the request arrived on.
// The client computes the same with its own H, its fresh nonce and the address and port it
// connected to, and accepts only an answer holding that value. A squatter knows neither the
// key nor H, so cannot compute it; relaying the nonce to the real Tessera does not help either,
// since Tessera then answers for the other address or port, which the client did not dial. The
// answer reveals nothing of H (HMAC is a pseudo-random function of its key), let alone the key.
import { createHmac } from 'node:crypto';

export const HELLO_PATH = '/v1/hello';
export const HELLO_CONTEXT = 'tessera-hello-v1';
/** 16 to 128 URL-safe characters: at least 96 bits when random, and nothing to escape. */
export const HELLO_NONCE = /^[A-Za-z0-9_-]{16,128}$/;

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
export function plainAddress(address: string | undefined): string {
  const value = address ?? '';
  return value.startsWith('::ffff:') && value.includes('.') ? value.slice('::ffff:'.length) : value;
}

/** The proof for one key: base64url HMAC-SHA256 keyed with the key's SHA-256 (32 raw bytes). */
export function helloProof(keyHash: Buffer, nonce: string, address: string, port: number): string {
  return createHmac('sha256', keyHash)
    .update(`${HELLO_CONTEXT}\n${nonce}\n${plainAddress(address)}\n${port}`, 'utf8')
    .digest('base64url');
}

export interface HelloAnswer {
  service: 'tessera';
  nonce: string;
  /** Where the request arrived, for a human reading it; a client uses what it dialed. */
  address: string;
  port: number;
  /** One proof per access key, in no particular order. */
  proofs: string[];
}

export function helloAnswer(keyHashes: readonly Buffer[], nonce: string, address: string, port: number): HelloAnswer {
  const local = plainAddress(address);
  return { service: 'tessera', nonce, address: local, port, proofs: keyHashes.map((h) => helloProof(h, nonce, local, port)) };
}
