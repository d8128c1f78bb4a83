/** Shared launchers for the browser journeys: keep this API small. */
export { startServer, type RunningServer } from './server-launcher';
export { launchBrowser, CHROMIUM_ARGS, type RunningBrowser } from './browser-launcher';
export { serviceWorkerReady, signIn, signInAsAgent } from './sign-in';
export { signInAgent, type AgentApi } from './agent-api';
export { axeViolations } from './axe';
export { useCustomerAndAgent, useServerAndBrowser, type Journey, type TwoPeopleJourney } from './journey-setup';
