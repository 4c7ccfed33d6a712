import puppeteer from 'puppeteer-core';
import { serveFixtures } from '/work/wt-12/scripts/lib/fixture-server';
const UUID = '6f3c2a9e-5b1d-4c7a-9e2f-0a1b2c3d4e5f';
const browser = await puppeteer.launch({
  browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, args: ['--remote-allow-system-access'],
  extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ 'scam-sentinel@scam-sentinel': UUID }) },
});
await browser.installExtension('/work/wt-12/dist/firefox');
const server = await serveFixtures();
const port = (server.address() as any).port;
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/investment-scam-zh.html`);
await new Promise(r => setTimeout(r, 3000));
const h = await page.$('scam-sentinel-warning');
const rv = (h as any).remoteValue();
console.log(JSON.stringify(rv).slice(0, 500));
const sr = rv.value?.shadowRoot;
if (sr) {
  const Ctor = (h as any).constructor;
  const sh = Ctor.from(sr, (h as any).realm);
  console.log(await sh.evaluate((root: ShadowRoot) => [root.mode, root.activeElement?.textContent, root.querySelector('[role=dialog],dialog')?.tagName, root.textContent?.slice(0,200)]));
}
console.log(await page.evaluate(() => { const h = (globalThis as any).CSS?.highlights; return [typeof h, h ? [...(h.get('scam-sentinel') ?? [])].map((r: any) => r.toString()) : null]; }));
await browser.close();
server.closeAllConnections(); server.close();
