/** The words shown at the field, and counting characters as people do. */
import { describe, expect, it } from 'vitest';
import { firstMessageError, nameError, replyError, subjectError, textLength } from './text-rules';

describe('text rules', () => {
  it('counts trimmed characters, not UTF-16 units', () => {
    expect(textLength('  👋🏽a  ')).toBe(3);
  });

  it('explains each problem in words', () => {
    expect(subjectError('')).toBe('Enter a subject.');
    expect(subjectError('ab')).toBe('The subject must be at least 3 characters.');
    expect(subjectError('x'.repeat(201))).toBe('The subject can be at most 200 characters.');
    expect(subjectError('Printer')).toBeNull();
    expect(firstMessageError('short')).toBe('The message must be at least 10 characters.');
    expect(replyError('Thanks!')).toBeNull();
    expect(replyError('  ')).toBe('Write a reply first.');
  });

  it('takes a name of 1 to 200 characters once trimmed', () => {
    expect(nameError('   ')).toBe('Enter your name.');
    expect(nameError(` ${'x'.repeat(200)} `)).toBeNull();
    expect(nameError('x'.repeat(201))).toBe('The name can be at most 200 characters.');
    expect(nameError('Ada King')).toBeNull();
  });
});
