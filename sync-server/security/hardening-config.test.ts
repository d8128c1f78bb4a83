/** The hardening settings in the environment: sign-in limits, their window, and the dev server origin. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';

describe('hardening configuration', () => {
  it('has defaults: 10 per account, 50 per address, 15 minutes, the vite dev server outside production', () => {
    expect(loadConfig({})).toMatchObject({
      signinLimitPerAccount: 10,
      signinLimitPerAddress: 50,
      signinWindowMs: 900_000,
      devOrigins: ['http://localhost:5173'],
    });
    expect(loadConfig({ NODE_ENV: 'production' }).devOrigins).toEqual([]);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      SIGNIN_LIMIT_PER_ACCOUNT: '3',
      SIGNIN_LIMIT_PER_ADDRESS: '7',
      SIGNIN_WINDOW_SECONDS: '60',
      DEV_SERVER_ORIGIN: 'http://127.0.0.1:5174/',
    });
    expect(config).toMatchObject({ signinLimitPerAccount: 3, signinLimitPerAddress: 7, signinWindowMs: 60_000 });
    expect(config.devOrigins).toEqual(['http://127.0.0.1:5174']);
  });

  it.each([
    ['SIGNIN_LIMIT_PER_ACCOUNT', '0'],
    ['SIGNIN_LIMIT_PER_ADDRESS', 'many'],
    ['SIGNIN_WINDOW_SECONDS', '-5'],
    ['DEV_SERVER_ORIGIN', 'localhost'],
  ])('refuses %s=%s with a one-line reason', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
