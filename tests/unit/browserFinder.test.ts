// The e2e browser finder's order: CHROME_PATH, then system paths per platform, then the bundled one.
import { describe, expect, it } from 'vitest';
import { findBrowser, HOW_TO_GET_A_BROWSER, SYSTEM_BROWSER_PATHS, systemBrowser } from '../e2e/browser';

describe('e2e browser finder', () => {
  it('takes CHROME_PATH first and rejects one that is not an executable file', async () => {
    await expect(findBrowser({ CHROME_PATH: '/nonexistent/chrome' })).rejects.toThrow(/CHROME_PATH=\/nonexistent\/chrome is not an executable file/);
    const node = process.execPath; // some executable file
    await expect(findBrowser({ CHROME_PATH: node })).resolves.toEqual({ executablePath: node, source: 'CHROME_PATH' });
  });

  it('checks the usual Linux and macOS paths in order', () => {
    const linux = SYSTEM_BROWSER_PATHS.linux;
    expect(systemBrowser('linux', (p) => p === linux[2] || p === linux[4])).toBe(linux[2]);
    expect(systemBrowser('darwin', (p) => p.includes('Chromium.app'))).toBe('/Applications/Chromium.app/Contents/MacOS/Chromium');
    expect(systemBrowser('linux', () => false)).toBeNull();
    expect(systemBrowser('win32', () => true)).toBeNull();
  });

  it('the failure message is one line that says how to get a browser', () => {
    expect(HOW_TO_GET_A_BROWSER).not.toMatch(/\n/);
    expect(HOW_TO_GET_A_BROWSER).toMatch(/CHROME_PATH/);
  });
});
