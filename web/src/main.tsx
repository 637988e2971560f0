import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

// The first render as a transition: React renders it in small slices, yielding between them, so a
// slow phone's main thread is never blocked long (Lighthouse's Total Blocking Time, issue 16).
startTransition(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});

// The service worker (the offline shell, vite-plugin-pwa's sw.js) once the page has loaded, so it
// never competes with the first paint.
if ('serviceWorker' in navigator) {
  addEventListener('load', () => void navigator.serviceWorker.register('/sw.js', { scope: '/' }));
}
