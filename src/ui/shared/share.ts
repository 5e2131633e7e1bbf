// Copy text to the clipboard: the async Clipboard API where allowed, else a hidden textarea and
// execCommand('copy'); reports whether it worked so the UI can show the text to copy by hand.
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  try {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  } catch {
    return false;
  }
}

/** The page URL showing only one panel (`?embed=<key>`) with the same settings. */
export function embedUrl(pageUrl: string, panelKey: string, part: string | null = null): string {
  const u = new URL(pageUrl);
  u.searchParams.delete('preset');
  u.searchParams.delete('page');
  u.searchParams.delete('part');
  u.searchParams.set('embed', panelKey);
  // the view a panel of several plots opens on (absent: its first)
  if (part) u.searchParams.set('part', part);
  return u.toString();
}

/** The iframe snippet embedding one panel of the current config. */
export function embedSnippet(pageUrl: string, panelKey: string, title: string, part: string | null = null): string {
  const src = embedUrl(pageUrl, panelKey, part).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<iframe src="${src}" title="Tangent Lab: ${title}" width="640" height="360" style="border:0" loading="lazy"></iframe>`;
}
