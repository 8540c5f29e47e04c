import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { startTestPlatform, TestPlatform, TestPlatformOptions } from './platform';

const root = join(__dirname, '..', '..');

/** Where the browser tests find Chromium: `CHROMIUM_PATH`, else Debian's `chromium` package. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `no Chromium at ${path}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH ` +
        'to a Chromium binary; the browser tests never download a browser',
    );
  }
  return path;
}

/** A headless Chromium for tests (Playwright runs it without the sandbox, which root needs). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, chromiumSandbox: false });
}

/** Builds the web app with Vite into `outDir`, as `npm run build:web` does into dist/web (about a second). */
export function buildWebApp(outDir: string): Promise<void> {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = [vite, 'build', '--config', 'apps/web/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`building the web app failed (exit code ${code}):\n${output}`)),
    );
  });
}

export interface BrowserPlatform {
  /** The gateway serving the web app at `/` and the API at `/api/v1`. */
  baseUrl: string;
  platform: TestPlatform;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The web app as people use it: built once into a temporary folder, served by the in-process
 * platform's gateway (every service on fresh databases, real Kafka and PostgreSQL), and a headless
 * Chromium to drive it.
 */
export async function startBrowserPlatform(options: TestPlatformOptions): Promise<BrowserPlatform> {
  const webAppDir = mkdtempSync(join(tmpdir(), 'mogul-web-'));
  const removeBuild = () => rmSync(webAppDir, { recursive: true, force: true });
  // Chromium starts while the app builds; the gateway reads the build when it starts, so that comes first.
  const launching = launchChromium();
  launching.catch(() => undefined); // handled below, once the build and the platform are up
  let platform: TestPlatform | undefined;
  try {
    await buildWebApp(webAppDir);
    platform = await startTestPlatform({ ...options, gatewayEnv: { ...options.gatewayEnv, WEB_APP_DIR: webAppDir } });
    const [started, browser] = [platform, await launching];
    return {
      baseUrl: started.gatewayUrl,
      platform: started,
      browser,
      async close() {
        await browser.close();
        await started.close();
        removeBuild();
      },
    };
  } catch (error) {
    await launching.then(
      (browser) => browser.close(),
      () => undefined,
    );
    await platform?.close();
    removeBuild();
    throw error;
  }
}
