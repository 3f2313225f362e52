// Debian's Chromium for the browser tests, started the way this machine allows: no
// sandbox as root, and none of the background connections a closed network refuses.
// CHROMIUM_PATH points at another Chromium (Ubuntu's package is a snap stub).
import { chromium } from 'playwright-core';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
