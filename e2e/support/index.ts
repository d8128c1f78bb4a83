/** Shared launchers for the browser journeys: keep this API small. */
export { startServer, type RunningServer } from './server-launcher';
export { launchBrowser, CHROMIUM_ARGS, type RunningBrowser } from './browser-launcher';
export { serviceWorkerReady, signIn } from './sign-in';
export { signInAgent, type AgentApi } from './agent-api';
export { axeViolations } from './axe';
export { useServerAndBrowser, type Journey } from './journey-setup';
