// What the /admin browser suites do alike: type into a field reached by focus, as a keyboard user would (no clicks),
// and give the page the staff token.
import type { Page } from 'playwright-core';
import { TOKEN } from '../admin/helpers.ts';

export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).focus();
  await page.keyboard.type(text);
}

/** Types the token into /admin's token field, sends it with Enter and waits for the plans table. */
export async function enterToken(page: Page): Promise<void> {
  await typeInto(page, '#token', TOKEN);
  await page.keyboard.press('Enter');
  await page.locator('#plans table').waitFor();
}

/** Presses Enter on the button at `selector` and says yes to the question it asks; returns what was asked. */
export async function pressAndConfirm(page: Page, selector: string): Promise<string[]> {
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  await page.locator(selector).focus();
  await page.keyboard.press('Enter');
  return asked;
}
