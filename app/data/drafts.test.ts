/** Drafts survive a reload (a new signal reads localStorage) and are cleared on sign-out. */
import { beforeEach, describe, expect, it } from 'vitest';
import { clearDrafts, createDraft } from './drafts';

beforeEach(() => localStorage.clear());

describe('drafts', () => {
  it('keeps a half-typed reply across a reload', () => {
    createDraft('reply:t1').set('Half a thought');
    const afterReload = createDraft('reply:t1');
    expect(afterReload.value()).toBe('Half a thought');
    afterReload.clear();
    expect(createDraft('reply:t1').value()).toBe('');
  });

  it('clears every draft and nothing else', () => {
    createDraft('new-request').set('{"subject":"Printer"}');
    localStorage.setItem('harbor.branding', '{}');
    clearDrafts();
    expect(createDraft('new-request').value()).toBe('');
    expect(localStorage.getItem('harbor.branding')).toBe('{}');
  });
});
