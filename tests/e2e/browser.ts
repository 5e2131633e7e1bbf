// Finds a Chromium for the e2e tests, in this order:
//   1. CHROME_PATH (must exist when set);
//   2. a system Chromium / Chrome at its usual Linux or macOS path (skipped when
//      TANGENT_E2E_NO_SYSTEM_BROWSER=1, which simulates a machine without one);
//   3. the Chromium shipped in the @sparticuz/chromium devDependency (Linux x64): a brotli-compressed
//      headless shell that it extracts to the OS temp dir on first use. When the system lacks the NSS /
//      NSPR / expat libraries it needs, the package's own copies are extracted too and put on
//      LD_LIBRARY_PATH for the browser process.
// If none can run, one line says how to get one.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

export interface FoundBrowser {
  executablePath: string;
  /** Where it came from, for the log line. */
  source: 'CHROME_PATH' | 'system' | '@sparticuz/chromium';
  /** Extra environment for the browser process (LD_LIBRARY_PATH for the bundled libraries). */
  env?: Record<string, string>;
}

export const SYSTEM_BROWSER_PATHS: Record<string, readonly string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  ],
};

export const HOW_TO_GET_A_BROWSER =
  'No Chromium found for the e2e tests: set CHROME_PATH to a Chromium/Chrome binary, install one (Debian/Ubuntu: `apt-get install chromium`; macOS: Google Chrome), or run `npm install` on Linux x64 to get the bundled @sparticuz/chromium.';

/** A regular file we may execute. */
export function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable system browser for this platform, or null. */
export function systemBrowser(platform: string = process.platform, usable: (p: string) => boolean = isExecutableFile): string | null {
  for (const p of SYSTEM_BROWSER_PATHS[platform] ?? []) if (usable(p)) return p;
  return null;
}

/** Library names that `ldd` reports as "not found" for a binary (null when ldd is unavailable). */
function missingLibraries(binary: string): string[] | null {
  const r = spawnSync('ldd', [binary], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return r.stdout
    .split('\n')
    .filter((l) => l.includes('not found'))
    .map((l) => l.trim().split(/\s+/)[0]);
}

function extractTarBr(archive: string, dest: string): void {
  mkdirSync(dest, { recursive: true });
  const tarFile = path.join(dest, path.basename(archive, '.br'));
  writeFileSync(tarFile, brotliDecompressSync(readFileSync(archive)));
  const r = spawnSync('tar', ['-xf', tarFile, '-C', dest], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar -xf ${tarFile} failed: ${r.stderr}`);
}

async function bundledChromium(): Promise<FoundBrowser | null> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    // the package's exports map hides package.json: go up from build/cjs/index.cjs
    pkgDir = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  } catch {
    return null;
  }
  const { default: chromium } = (await import('@sparticuz/chromium')) as { default: { executablePath(): Promise<string> } };
  const executablePath = await chromium.executablePath();
  const missing = missingLibraries(executablePath);
  if (missing === null || missing.length === 0) return { executablePath, source: '@sparticuz/chromium' };
  // NSS, NSPR and expat from the package (built for Amazon Linux 2023, glibc ≥ 2.34).
  const libRoot = path.join(os.tmpdir(), 'tangent-lab-chromium-libs');
  if (!existsSync(path.join(libRoot, 'lib', 'libnss3.so'))) extractTarBr(path.join(pkgDir, 'bin', 'al2023.tar.br'), libRoot);
  const libDir = path.join(libRoot, 'lib');
  const env = { LD_LIBRARY_PATH: [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
  const still = spawnSync('ldd', [executablePath], { encoding: 'utf8', env: { ...process.env, ...env } });
  const stillMissing = still.stdout.split('\n').filter((l) => l.includes('not found'));
  if (stillMissing.length) throw new Error(`the bundled Chromium still misses libraries: ${stillMissing.map((l) => l.trim()).join(', ')}. ${HOW_TO_GET_A_BROWSER}`);
  return { executablePath, source: '@sparticuz/chromium', env };
}

/** Resolve the browser for this run (see the order at the top of the file); throws one clear line if none. */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} is not an executable file. ${HOW_TO_GET_A_BROWSER}`);
    return { executablePath: fromEnv, source: 'CHROME_PATH' };
  }
  if (env.TANGENT_E2E_NO_SYSTEM_BROWSER !== '1') {
    const sys = systemBrowser();
    if (sys) return { executablePath: sys, source: 'system' };
  }
  const bundled = await bundledChromium();
  if (bundled) return bundled;
  throw new Error(HOW_TO_GET_A_BROWSER);
}
