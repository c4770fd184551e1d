import { sendKeys } from '@web/test-runner-commands';

/** Shift+Tab through the browser, as an agent presses it. */
export async function pressShiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}
