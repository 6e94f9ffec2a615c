// The installer's application id: electron-builder.yml's `appId`, and on Windows the
// AppUserModelID that notifications and the taskbar are tied to. A test keeps the two equal.
export const APP_ID = 'app.tessera.desktop';
