// Preloaded into a browser host (node --import) by tests/integration/hosts/last-resort.test.ts:
// once the host runs, faults nobody catches, each carrying a "secret" in its message that must
// never reach the log.
const SECRET = process.env.TESSERA_FAIL_LATER_SECRET ?? 'no-secret-given';
setTimeout(() => {
  throw new TypeError(`timer failed with ${SECRET}`);
}, 1_500).unref();
setTimeout(() => {
  void Promise.reject(Object.assign(new Error(`rejected with ${SECRET}`), { code: 'EFAKE' }));
}, 1_700).unref();
setTimeout(() => {
  // Not even an Error.
  throw `a bare string with ${SECRET}`;
}, 1_900).unref();
