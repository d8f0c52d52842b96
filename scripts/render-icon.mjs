// Renders docs/images/icon.svg to docs/images/icon.png (128×128, the Marketplace size) with
// playwright-core and Debian's chromium (installed by scripts/setup-code-server.sh). Run by hand
// after changing the SVG; the PNG is committed.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('docs/images/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.locator('svg').screenshot({ path: 'docs/images/icon.png', omitBackground: true });
await browser.close();
console.log('wrote docs/images/icon.png');
