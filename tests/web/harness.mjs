// What the browser test needs around the page: a dipgraph store built from
// the bundled samples, `dipgraph serve` on a free port, and Debian's
// Chromium driven by playwright-core (installed in web/node_modules).

import { spawn, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUT = join(ROOT, 'out');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The dipgraph binary: $DIPGRAPH_BIN, else cargo's debug build. */
export function dipgraphBin() {
  const bin = process.env.DIPGRAPH_BIN
    ?? join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'dipgraph');
  if (!existsSync(bin)) {
    throw new Error(`dipgraph binary not found at ${bin}: build it (make build) or set DIPGRAPH_BIN`);
  }
  return bin;
}

/** Why the browser test cannot run here, or null when it can. */
export function missingPrerequisite() {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found (apt-get install chromium)`;
  if (!existsSync(join(ROOT, 'web', 'node_modules', 'playwright-core'))) {
    return 'web/node_modules/playwright-core missing: run `make web` (npm ci in web/)';
  }
  return null;
}

export function loadPlaywright() {
  // playwright-core lives in web/node_modules, which Node would not search from tests/web/.
  const require = createRequire(join(ROOT, 'web', 'package.json'));
  return require('playwright-core');
}

export async function launchChromium() {
  const { chromium } = loadPlaywright();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Ingests data/samples into a fresh store and starts `dipgraph serve` on
 * 127.0.0.1:0; resolves once the API answers. The page is served from the
 * working tree's web/ (so a page edit needs no rebuild) unless
 * DIPGRAPH_WEB_DIR is set; set it to "" to test the assets compiled in.
 */
export async function startServer() {
  const bin = dipgraphBin();
  const dir = await mkdtemp(join(tmpdir(), 'dipgraph-web-'));
  const store = join(dir, 'store');
  try {
    await promisify(execFile)(bin, ['ingest', join(ROOT, 'data', 'samples'), '--store', store], {
      timeout: 60_000,
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`dipgraph ingest failed: ${error.stderr || error.message}`);
  }

  const webDir = process.env.DIPGRAPH_WEB_DIR ?? join(ROOT, 'web');
  const env = { ...process.env };
  if (webDir) env.DIPGRAPH_WEB_DIR = webDir;
  else delete env.DIPGRAPH_WEB_DIR;
  const child = spawn(bin, ['serve', '--store', store, '--bind', '127.0.0.1:0'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    // The server prints its real address: "SPARQL endpoint on http://127.0.0.1:PORT/sparql".
    const base = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address from dipgraph serve within 15 s; stderr:\n${stderr}`)), 15_000);
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        const match = /SPARQL endpoint on (http:\/\/\S+?)\/sparql/.exec(stderr);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`dipgraph serve exited (${code ?? signal}); stderr:\n${stderr}`));
      });
      child.once('error', reject);
    });
    await waitUntilAnswering(`${base}/api/stats`);
    return { base, stop, stderr: () => stderr };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitUntilAnswering(url) {
  const deadline = Date.now() + 15_000;
  let last;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `${response.status}`;
    } catch (error) {
      last = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within 15 s (${last})`);
}

export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}
