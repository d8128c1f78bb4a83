/** Feed caps: past a session's or a user's cap its oldest feed is named to end; nothing is left behind. */
import { describe, expect, it } from 'vitest';
import { createFeedCaps } from './feed-caps';

const phone = { sessionId: 's-phone', userId: 'ada' };
const laptop = { sessionId: 's-laptop', userId: 'ada' };
const grace = { sessionId: 's-grace', userId: 'grace' };

describe('feed caps', () => {
  it('names the oldest feed of a session past its cap, and only that session’s', () => {
    const caps = createFeedCaps<string>({ perSession: 2, perUser: 10 });
    expect(caps.open('p1', phone)).toEqual([]);
    expect(caps.open('l1', laptop)).toEqual([]);
    expect(caps.open('p2', phone)).toEqual([]);
    expect(caps.open('p3', phone)).toEqual(['p1']);
    expect(caps.open('p4', phone)).toEqual(['p2']);
    expect(caps.open('l2', laptop)).toEqual([]);
  });

  it('names the oldest feed of a user past their cap, whichever session holds it', () => {
    const caps = createFeedCaps<string>({ perSession: 3, perUser: 3 });
    caps.open('p1', phone);
    caps.open('l1', laptop);
    caps.open('g1', grace);
    caps.open('p2', phone);
    expect(caps.open('l2', laptop)).toEqual(['p1']);
    expect(caps.open('l3', laptop)).toEqual(['l1']);
    expect(caps.open('g2', grace)).toEqual([]);
  });

  it('counts a closed feed no more, so a device that ended its feeds is never cut', () => {
    const caps = createFeedCaps<string>({ perSession: 2, perUser: 2 });
    caps.open('p1', phone);
    caps.open('p2', phone);
    caps.close('p1');
    caps.close('p1');
    expect(caps.open('p3', phone)).toEqual([]);
    expect(caps.open('p4', phone)).toEqual(['p2']);
  });

  it('keeps no session or user once their feeds ended, named or closed', () => {
    const caps = createFeedCaps<number>({ perSession: 1, perUser: 1 });
    for (let i = 0; i < 1000; i++) caps.open(i, { sessionId: `s${i % 7}`, userId: `u${i % 3}` });
    expect(caps.groupCount()).toBe(3 + 3);
    for (let i = 0; i < 1000; i++) caps.close(i);
    expect(caps.groupCount()).toBe(0);
  });
});
