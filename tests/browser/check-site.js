'use strict';
// Loads a site written by `radar publish` in headless chromium and checks it:
//   node check-site.js SITE_DIR LIST_JSON SHOT_DIR
// LIST_JSON is `radar list --format json` of the same radar. Checks: one blip per
// placed entry; every internal link and asset resolves to a file; no console
// errors, exceptions or failed loads on any page; the filter box works (by name,
// tag, ring, quadrant); keyboard focus reaches the blips and shows the name; the
// page reads without JavaScript; nothing injected through the data runs
// (window.__pwned stays unset); no horizontal scrolling on a phone; the same
// over HTTP. Screenshots (light, dark, phone, entry, ADR) go to SHOT_DIR.
// Prints "ok ..." lines and "FAIL ..." lines; exit status 1 on any failure.
const fs = require('fs');
const http = require('http');
const path = require('path');
const { pathToFileURL, fileURLToPath } = require('url');
const { Browser } = require('./cdp');

const [siteDir, listJson, shotDir] = process.argv.slice(2).map((p) => path.resolve(p));
if (!siteDir || !listJson || !shotDir) {
  console.error('usage: node check-site.js SITE_DIR LIST_JSON SHOT_DIR');
  process.exit(2);
}
const entries = JSON.parse(fs.readFileSync(listJson, 'utf8'));
const placed = entries.filter((e) => e.ring !== null);
let failures = 0;
function check(cond, what) {
  if (cond) console.log(`ok ${what}`);
  else { failures++; console.log(`FAIL ${what}`); }
}

// Every href/src of the page, resolved by the browser.
const LINKS_JS = `Array.from(document.querySelectorAll('a[href], link[href], script[src], img[src]'))
  .map((el) => el.href && el.href.baseVal !== undefined ? new URL(el.href.baseVal, document.baseURI).href : (el.href || el.src))`;

function serve(dir) {
  return new Promise((resolve) => {
    const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript' };
    const srv = http.createServer((req, res) => {
      const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const file = path.join(dir, rel.endsWith('/') ? rel + 'index.html' : rel);
      if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404); res.end('not found'); return;
      }
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

async function main() {
  fs.mkdirSync(shotDir, { recursive: true });
  const browser = await Browser.launch();
  try {
    const page = await browser.newPage();
    await page.viewport(1280, 1000);
    const index = pathToFileURL(path.join(siteDir, 'index.html')).href;

    // ---- every page: links resolve, no errors, nothing injected runs ------------
    const seen = new Set();
    const queue = [index];
    const broken = [];
    const noisy = [];
    const pwned = [];
    while (queue.length) {
      const url = queue.shift();
      if (seen.has(url)) continue;
      seen.add(url);
      page.problems = [];
      await page.goto(url);
      if (await page.eval('window.__pwned !== undefined')) pwned.push(url);
      for (const link of await page.eval(LINKS_JS)) {
        if (!link.startsWith('file:')) continue; // external links from the data
        const u = new URL(link);
        u.hash = '';
        u.search = '';
        const file = fileURLToPath(u.href);
        if (!fs.existsSync(file)) broken.push(`${url} -> ${link}`);
        else if (file.endsWith('.html') && !seen.has(u.href)) queue.push(u.href);
      }
      if (page.problems.length) noisy.push(`${url}: ${page.problems.join('; ')}`);
    }
    const files = [];
    (function walk(d) {
      for (const f of fs.readdirSync(d)) {
        const p = path.join(d, f);
        if (fs.statSync(p).isDirectory()) walk(p); else if (p.endsWith('.html')) files.push(p);
      }
    })(siteDir);
    check(seen.size === files.length, `every page is reachable from index.html (${seen.size} visited, ${files.length} pages)`);
    check(broken.length === 0, `every internal link resolves to a file${broken.length ? ': ' + broken.slice(0, 5).join(', ') : ''}`);
    check(noisy.length === 0, `no console errors on ${seen.size} pages${noisy.length ? ': ' + noisy.slice(0, 3).join(' | ') : ''}`);
    check(pwned.length === 0, `no script from the data ran${pwned.length ? ': ' + pwned.join(', ') : ''}`);

    // ---- the index: blips, legend, filter ---------------------------------------
    await page.goto(index);
    const blips = await page.eval("document.querySelectorAll('svg.blips a.blip').length");
    check(blips === placed.length, `one blip per placed entry (${blips} blips, ${placed.length} entries)`);
    const items = await page.eval("document.querySelectorAll('.legend li').length");
    check(items === placed.length, `one legend item per placed entry (${items})`);
    const hrefs = await page.eval("Array.from(document.querySelectorAll('svg.blips a.blip')).map((a) => a.getAttribute('href'))");
    check(placed.every((e) => hrefs.includes(`entries/${e.id}.html`)), 'every blip links to its entry page');
    check(await page.eval("!document.getElementById('filter-form').hidden"), 'the filter box shows with JavaScript');
    await page.screenshot(path.join(shotDir, 'index-light.png'));
    await page.screenshot(path.join(shotDir, 'index-light-full.png'), true);

    const visible = () => page.eval(`({
      blips: document.querySelectorAll('svg.blips a.blip:not(.dim)').length,
      items: Array.from(document.querySelectorAll('.legend li')).filter((li) => li.offsetParent !== null).length })`);
    async function filterBy(text) {
      await page.eval("(() => { const b = document.getElementById('filter'); b.value = ''; b.dispatchEvent(new Event('input')); b.focus(); })()");
      await page.type(text);
      return visible();
    }
    const one = placed[0];
    let v = await filterBy(one.name);
    const byName = placed.filter((e) => e.name.toLowerCase().includes(one.name.toLowerCase()) || e.id.includes(one.name.toLowerCase()));
    check(v.blips >= 1 && v.blips <= byName.length + 2 && v.items === v.blips, `filter by name "${one.name}": ${v.blips} blips, ${v.items} items`);
    const ring = placed[placed.length - 1].ring;
    v = await filterBy(ring);
    const inRing = placed.filter((e) => e.ring === ring).length;
    check(v.blips >= inRing && v.items === v.blips, `filter by ring "${ring}": ${v.blips} shown (${inRing} in the ring)`);
    const quadrant = placed[0].quadrant;
    v = await filterBy(`${quadrant} ${ring}`);
    const both = placed.filter((e) => e.quadrant === quadrant && e.ring === ring).length;
    check(v.blips === both && v.items === both, `filter by quadrant and ring "${quadrant} ${ring}": ${v.blips} shown, ${both} expected`);
    const tagged = await page.eval("(() => { const li = document.querySelector('.legend li'); return li.getAttribute('data-search'); })()");
    v = await filterBy('zzz-no-such-thing');
    check(v.blips === 0 && v.items === 0, 'filter with no match hides everything');
    check(await page.eval("document.getElementById('filter-count').textContent") === `0 of ${placed.length} shown`, 'the filter says how many it shows');
    v = await filterBy('');
    check(v.blips === placed.length && v.items === placed.length, 'an empty filter shows everything again');
    await filterBy(ring);
    await page.screenshot(path.join(shotDir, 'index-filtered.png'));
    await filterBy('');
    void tagged;

    // ---- keyboard: Tab reaches a blip, its name shows, Enter opens its page ------
    await page.goto(index);
    let focused = null;
    for (let i = 0; i < 12 && !focused; i++) {
      await page.key('Tab', 'Tab', 9);
      focused = await page.eval("document.activeElement && document.activeElement.classList.contains('blip') ? document.activeElement.getAttribute('href') : null");
    }
    check(focused !== null, 'Tab reaches the blips');
    if (focused) {
      check(await page.eval("getComputedStyle(document.activeElement.querySelector('.tip')).visibility") === 'visible', 'a focused blip shows its name');
      await page.screenshot(path.join(shotDir, 'index-focus.png'));
      const nav = page.waitFor('Page.loadEventFired');
      await page.key('Enter', 'Enter', 13);
      await nav;
      check((await page.eval('location.href')).endsWith(focused), `Enter on a blip opens ${focused}`);
    }

    // ---- dark, phone, entry and ADR pages ---------------------------------------
    await page.colorScheme('dark');
    await page.goto(index);
    check(await page.eval("getComputedStyle(document.body).backgroundColor") !== 'rgb(255, 255, 255)', 'dark scheme gives a dark page');
    await page.screenshot(path.join(shotDir, 'index-dark.png'));
    await page.colorScheme('light');
    await page.viewport(390, 844, true, 2);
    const wide = [];
    for (const rel of ['index.html', `entries/${placed[0].id}.html`, 'adr/index.html', 'accuracy.html']) {
      await page.goto(pathToFileURL(path.join(siteDir, rel)).href);
      const w = await page.eval('document.documentElement.scrollWidth');
      if (w > 390) wide.push(`${rel} (${w}px)`);
      if (rel === 'index.html') await page.screenshot(path.join(shotDir, 'phone-index.png'));
      if (rel.startsWith('entries/')) await page.screenshot(path.join(shotDir, 'phone-entry.png'));
    }
    check(wide.length === 0, `no horizontal scrolling at 390px${wide.length ? ': ' + wide.join(', ') : ''}`);
    await page.viewport(1280, 1000);
    await page.goto(pathToFileURL(path.join(siteDir, `entries/${placed[0].id}.html`)).href);
    await page.screenshot(path.join(shotDir, 'entry.png'), true);
    const adrs = fs.existsSync(path.join(siteDir, 'adr')) ? fs.readdirSync(path.join(siteDir, 'adr')).filter((f) => f !== 'index.html') : [];
    if (adrs.length) {
      await page.goto(pathToFileURL(path.join(siteDir, 'adr', adrs[0])).href);
      await page.screenshot(path.join(shotDir, 'adr.png'), true);
    }

    // ---- without JavaScript: everything still shows -----------------------------
    await page.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(index);
    v = await visible();
    check(v.blips === placed.length && v.items === placed.length, 'without JavaScript every blip and legend item shows');
    check(await page.eval("document.getElementById('filter-form').hidden"), 'without JavaScript the (useless) filter box stays hidden');
    await page.send('Emulation.setScriptExecutionDisabled', { value: false });

    // ---- over HTTP ----------------------------------------------------------------
    const srv = await serve(siteDir);
    const base = `http://127.0.0.1:${srv.address().port}/`;
    page.problems = [];
    for (const rel of ['', 'index.html', `entries/${placed[0].id}.html`, 'adr/index.html', 'accuracy.html'].concat(adrs.slice(0, 3).map((f) => `adr/${f}`))) {
      await page.goto(base + rel);
      const links = await page.eval(LINKS_JS);
      for (const link of links.filter((l) => l.startsWith(base))) {
        const file = path.join(siteDir, decodeURIComponent(new URL(link).pathname));
        if (!fs.existsSync(file)) page.problems.push(`broken link ${link}`);
      }
    }
    check(await page.eval("document.querySelectorAll('svg.blips a.blip').length") >= 0 && page.problems.length === 0,
      `over HTTP: pages load with no errors and no broken links${page.problems.length ? ': ' + page.problems.slice(0, 3).join('; ') : ''}`);
    srv.close();
  } finally {
    await browser.close();
  }
  console.log(failures ? `${failures} check(s) failed` : 'all browser checks passed');
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error(`FAIL ${e.stack || e}`); process.exit(1); });
