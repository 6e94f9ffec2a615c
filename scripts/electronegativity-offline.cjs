// Loaded into electronegativity (NODE_OPTIONS=--require) by scripts/lint-security.mjs. It
// fetches translation and Electron-release updates at start-up; offline, got's retry after a
// timeout throws an uncaught error that kills the run. Answer those fetches "offline" at once.
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, parent, ...rest) {
  if (request === 'got' && parent && parent.filename.includes('electronegativity')) {
    const offline = () => Promise.reject(new Error('offline: updates are not fetched during lint'));
    return Object.assign(offline, { default: offline });
  }
  return load.call(this, request, parent, ...rest);
};
