import { expect, test } from '@playwright/test';
import path from 'node:path';
import { signInAsGuest } from './signIn';

const screenshots = path.join(__dirname, 'screenshots');

test('the demo catalog lists a service with its owning team', async ({
  page,
}) => {
  await signInAsGuest(page);

  // The catalog is the landing page. Owners are shown by their Group title.
  const row = page.getByRole('row', { name: /Checkout API/ });
  await expect(row).toBeVisible();
  await expect(row.getByRole('link', { name: 'Payments' })).toBeVisible();

  await page.screenshot({ path: path.join(screenshots, 'catalog.png') });

  // The service's page names its owner too.
  await row.getByRole('link', { name: 'Checkout API' }).click();
  await expect(
    page.getByRole('heading', { name: 'Checkout API' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Payments' }).first(),
  ).toBeVisible();
});
