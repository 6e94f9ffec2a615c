// Placeholder composition root; the Electron shell lands in its own change.
import { app } from 'electron';

void app.whenReady().then(() => undefined);
