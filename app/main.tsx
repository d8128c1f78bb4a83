/** Entry: renders the app, registers the service worker and offers a reload when a new build waits. */
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { App } from './app';
import { UpdatePrompt } from './components/update-prompt';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/attachments.css';
import './styles/rating.css';

const [updateReady, setUpdateReady] = createSignal<null | (() => void)>(null);

/** Registers /sw.js through workbox-window; a waiting worker takes over only when the user asks. */
async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('/sw.js');
  wb.addEventListener('waiting', () => {
    setUpdateReady(() => () => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  await wb.register();
}

const root = document.getElementById('root');
if (root) {
  render(() => (
    <>
      <App />
      <UpdatePrompt
        open={updateReady() !== null}
        onReload={() => updateReady()?.()}
        onDismiss={() => setUpdateReady(null)}
      />
    </>
  ), root);
}
void registerServiceWorker();
