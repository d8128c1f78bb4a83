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

  it('once a reply is saved, keeps only what was typed while it was being saved', () => {
    const draft = createDraft('reply:t1');
    draft.set('First reply');
    draft.set('First reply\nSecond thought');
    draft.sent('First reply');
    expect(draft.value()).toBe('Second thought');
    expect(createDraft('reply:t1').value()).toBe('Second thought');
    draft.set('Rewritten meanwhile');
    draft.sent('Second thought');
    expect(draft.value()).toBe('Rewritten meanwhile');
    draft.sent('Rewritten meanwhile');
    expect(createDraft('reply:t1').value()).toBe('');
  });

  it('is one draft per key: a reply sent from one copy leaves no text in another', () => {
    const onScreen = createDraft('reply:t2');
    onScreen.set('Sent text');
    createDraft('reply:t2').sent('Sent text');
    expect(onScreen.value()).toBe('');
  });

  it('clears every draft and nothing else', () => {
    createDraft('new-request').set('{"subject":"Printer"}');
    localStorage.setItem('harbor.branding', '{}');
    clearDrafts();
    expect(createDraft('new-request').value()).toBe('');
    expect(localStorage.getItem('harbor.branding')).toBe('{}');
  });
});
