/**
 * Rough edges 9 and 10 of issue 16: Cancel on New Support Request discards what was typed, so New Request starts
 * empty; leaving the form any other way (Back, the app bar) keeps the half-typed request for later. A subject over
 * its limit says so while it is typed.
 */
import { expect, it } from 'vitest';
import { signIn, useServerAndBrowser } from './support';

const journey = useServerAndBrowser();

it('starts empty after Cancel, and keeps a request left by Back', async () => {
  const page = journey.browser.page;
  await signIn(page, 'ada@example.com');

  await page.getByRole('link', { name: 'New Request' }).click();
  await page.getByLabel('Subject').fill('Cancelled on purpose');
  await page.getByLabel('Message').fill('This request was never meant to be sent.');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('heading', { name: 'My Tickets' }).waitFor();
  await page.getByRole('link', { name: 'New Request' }).click();
  await page.getByLabel('Subject').waitFor();
  expect(await page.getByLabel('Subject').inputValue()).toBe('');
  expect(await page.getByLabel('Message').inputValue()).toBe('');

  await page.getByLabel('Subject').pressSequentially('y'.repeat(201));
  await page.getByText('The subject can be at most 200 characters.').waitFor();
  expect(await page.getByLabel('Subject').evaluate((el) => el === document.activeElement)).toBe(true); // still typing

  await page.getByLabel('Subject').fill('Kept for later');
  await page.goBack();
  await page.getByRole('heading', { name: 'My Tickets' }).waitFor();
  await page.getByRole('link', { name: 'New Request' }).click();
  await page.getByLabel('Subject').waitFor();
  expect(await page.getByLabel('Subject').inputValue()).toBe('Kept for later');
});
