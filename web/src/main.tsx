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
