/** The structured logger: one JSON line per event, info on stdout, warnings and errors on stderr. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createLogger', () => {
  it('writes one JSON line per event, errors with their name and message', () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const logger = createLogger();
    logger.info('started', { port: 8080 });
    logger.error('failed', { error: new TypeError('boom') });
    const infoLine = String(out.mock.calls[0]?.[0]);
    expect(infoLine.endsWith('\n')).toBe(true);
    expect(JSON.parse(infoLine)).toMatchObject({ level: 'info', message: 'started', port: 8080, time: expect.any(String) });
    expect(JSON.parse(String(err.mock.calls[0]?.[0]))).toMatchObject({
      level: 'error',
      message: 'failed',
      error: { name: 'TypeError', message: 'boom' },
    });
  });

  it('writes nothing when silent', () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const logger = createLogger({ silent: true });
    logger.info('x');
    logger.warn('y');
    logger.error('z');
    expect(out).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
  });
});
