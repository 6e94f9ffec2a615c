// Entry point of the renderer (placeholder until the dashboard lands).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './bridge';

function App() {
  return <h1>Tessera</h1>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

void getApi().then(() => {
  document.body.dataset.ready = 'true';
});
