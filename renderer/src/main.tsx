// Entry point of the renderer: i18n first (in the browser's language until core says
// otherwise), then the app, inside the boundary that replaces a failed render with a message.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { setTickerPaused } from './app/ticker';
import { pickLanguage } from '#common/language';
import { initI18n } from './i18n';
import './styles/base.css';
import './styles/app.css';
import './styles/glance.css';

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
