// Entry point of the renderer: i18n first (in the browser's language until core says
// otherwise), then the app, inside the boundary that replaces a failed render with a message.
import './styles/base.css';
import './styles/app.css';
import './styles/glance.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { pickLanguage } from '#common/language';

import { App } from './app/App';
import { setTickerPaused } from './app/ticker';
import { ErrorBoundary } from './components/ErrorBoundary';
import { initI18n } from './i18n';

initI18n(pickLanguage(null, undefined, navigator.languages));

// No countdown ticks while the window is hidden (in the tray); they catch up when shown.
document.addEventListener('visibilitychange', () => setTickerPaused(document.hidden));
setTickerPaused(document.hidden);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
