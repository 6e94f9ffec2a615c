// What a token must look like before Tessera stores it, hands it to a POS program or writes it
// to a file: visible ASCII only (no spaces, line breaks or control characters) and at most
// 16 KiB. A token is pasted into HTTP headers, shell scripts and files by whatever reads it;
// one carrying a newline and shell text must never get that far.
export const MAX_TOKEN_LENGTH = 16 * 1024;

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH && VISIBLE_ASCII.test(token);
}
