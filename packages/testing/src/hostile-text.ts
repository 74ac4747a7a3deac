import { expect } from 'vitest';

/** Markup meant to run in a reader's browser: in text, in attributes, pre-escaped. */
export const HOSTILE_TEXTS: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</title><script>alert(1)</script>',
  '</style><script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<!--<img src=x onerror=alert(1)>-->',
];

/** How a page must show the text: every markup character escaped. */
export const escapedHtml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/**
 * Asserts the page holds the text only as text: never as it was sent, and with no tag that
 * runs script (a script or image tag, an event handler, a javascript: link). Attribute
 * values are blanked first: inside quotes, escaped markup is only a value.
 */
export function expectInert(html: string, payload: string, where: string): void {
  if (/[<>"']/.test(payload)) expect(html, where).not.toContain(payload);
  const tags = html.replace(/"[^"]*"/g, '""').match(/<[a-z][^>]*>/gi) ?? [];
  for (const tag of tags) {
    expect(tag, where).not.toMatch(/^<(script|img|iframe|object|embed)\b/i);
    expect(tag, where).not.toMatch(/\son[a-z]+\s*=/i);
  }
  expect(html, where).not.toMatch(/(href|src|action)="\s*javascript:/i);
}

/** Each form sent back (by its name) echoes the text escaped, and only as text. */
export async function expectEchoedInert(
  forms: Readonly<Record<string, Response>>,
  payload: string,
): Promise<void> {
  for (const [form, res] of Object.entries(forms)) {
    const page = await res.text();
    expectInert(page, payload, form);
    expect(page, form).toContain(escapedHtml(payload));
  }
}
