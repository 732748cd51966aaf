'use strict';
// A small Chrome DevTools Protocol client over --remote-debugging-pipe: Debian's
// chromium and Node's standard library only (no npm package, no WebSocket).
// Messages are JSON texts ended by a NUL byte; the browser reads fd 3, writes fd 4.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-extensions', '--mute-audio', '--hide-scrollbars',
  '--remote-debugging-pipe',
];

function findChromium() {
  for (const p of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && fs.existsSync(p)) return p;
  }
  return null;
}

class Browser {
  static async launch() {
    const exe = findChromium();
    if (!exe) throw new Error('no chromium (apt-get install chromium; or set CHROMIUM)');
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'radar-chromium-'));
    const proc = spawn(exe, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, 'about:blank'],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    const b = new Browser(proc, profile);
    await b.send('Target.setDiscoverTargets', { discover: false });
    return b;
  }

  constructor(proc, profile) {
    this.proc = proc;
    this.profile = profile;
    this.nextId = 0;
    this.pending = new Map();
    this.listeners = [];
    this.stderr = '';
    let buf = Buffer.alloc(0);
    proc.stderr.on('data', (d) => { this.stderr += d.toString(); });
    proc.stdio[4].on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      let end;
      while ((end = buf.indexOf(0)) >= 0) {
        const msg = JSON.parse(buf.subarray(0, end).toString('utf8'));
        buf = buf.subarray(end + 1);
        if (msg.id !== undefined && this.pending.has(msg.id)) {
          const { resolve, reject, method } = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
          else resolve(msg.result);
        } else {
          for (const l of this.listeners) l(msg);
        }
      }
    });
    proc.on('exit', (code) => {
      for (const { reject, method } of this.pending.values())
        reject(new Error(`chromium exited (${code}) during ${method}: ${this.stderr.slice(-500)}`));
      this.pending.clear();
    });
  }

  send(method, params = {}, sessionId) {
    const id = ++this.nextId;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.proc.stdio[3].write(JSON.stringify(msg) + '\0');
    });
  }

  on(fn) { this.listeners.push(fn); }

  async newPage() {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, sessionId);
    await page.init();
    return page;
  }

  async close() {
    const exited = this.proc.exitCode !== null ? Promise.resolve()
      : new Promise((r) => this.proc.once('exit', r));
    try { await Promise.race([this.send('Browser.close'), new Promise((r) => setTimeout(r, 3000))]); } catch (e) { /* gone */ }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(this.profile, { recursive: true, force: true, maxRetries: 3 });
  }
}

class Page {
  constructor(browser, sessionId) {
    this.b = browser;
    this.sid = sessionId;
    this.problems = [];   // console errors, exceptions, failed loads
    this.waiters = [];
    browser.on((msg) => {
      if (msg.sessionId !== this.sid) return;
      const p = msg.params || {};
      if (msg.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert' || p.type === 'warning')) {
        this.problems.push(`console.${p.type}: ${p.args.map((a) => a.value ?? a.description).join(' ')}`);
      } else if (msg.method === 'Runtime.exceptionThrown') {
        const d = p.exceptionDetails;
        this.problems.push(`exception: ${d.exception ? d.exception.description : d.text}`);
      } else if (msg.method === 'Log.entryAdded' && (p.entry.level === 'error' || p.entry.level === 'warning')) {
        this.problems.push(`log ${p.entry.level}: ${p.entry.text} ${p.entry.url || ''}`);
      }
      this.waiters = this.waiters.filter((w) => !(w.method === msg.method && (w.resolve(p), true)));
    });
  }

  send(method, params) { return this.b.send(method, params, this.sid); }

  async init() {
    await this.send('Page.enable');
    await this.send('Runtime.enable');
    await this.send('Log.enable');
  }

  waitFor(method, ms = 15000) {
    return new Promise((resolve, reject) => {
      const w = { method, resolve };
      this.waiters.push(w);
      setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), ms).unref();
    });
  }

  async goto(url) {
    const loaded = this.waitFor('Page.loadEventFired');
    const r = await this.send('Page.navigate', { url });
    if (r.errorText) throw new Error(`${url}: ${r.errorText}`);
    await loaded;
  }

  async eval(expression) {
    const r = await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.exception ? r.exceptionDetails.exception.description : r.exceptionDetails.text}`);
    return r.result.value;
  }

  async key(key, code, keyCode) {
    for (const type of ['keyDown', 'keyUp'])
      await this.send('Input.dispatchKeyEvent', { type, key, code, windowsVirtualKeyCode: keyCode });
  }

  async type(text) { await this.send('Input.insertText', { text }); }

  async viewport(width, height, mobile = false, scale = 1) {
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: scale, mobile });
  }

  async colorScheme(value) {
    await this.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value }] });
  }

  async screenshot(file, full = false) {
    const params = { format: 'png' };
    if (full) params.captureBeyondViewport = true;
    if (full) {
      const { cssContentSize } = await this.send('Page.getLayoutMetrics');
      params.clip = { x: 0, y: 0, width: cssContentSize.width, height: Math.min(cssContentSize.height, 4000), scale: 1 };
    }
    const { data } = await this.send('Page.captureScreenshot', params);
    fs.writeFileSync(file, Buffer.from(data, 'base64'));
  }
}

module.exports = { Browser };
