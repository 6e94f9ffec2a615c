// Entry point of the renderer: i18n first (in the browser's language until core says
// otherwise), then the app, inside the boundary that replaces a failed render with a message.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { initI18n, pickLanguage } from './i18n';
import './styles/base.css';
import './styles/app.css';

initI18n(pickLanguage(null, undefined, navigator.languages));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
