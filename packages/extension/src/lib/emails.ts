/** E-mail addresses as the pages show them and as the API looks them up. */

const ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** Every address in a piece of text, such as `Lin Wei <lin@acme.cn>` in an attribute. */
export function emailsIn(text: string): string[] {
  return [...text.matchAll(ADDRESS)].map((match) => normaliseEmail(match[0]));
}

/** The address whose characters include `offset`, if any. */
export function emailAt(text: string, offset: number): string | undefined {
  for (const match of text.matchAll(ADDRESS)) {
    if (offset >= match.index && offset <= match.index + match[0].length) {
      return normaliseEmail(match[0]);
    }
  }
  return undefined;
}

/** The first address of a `mailto:` link, without its query. */
export function emailOfMailto(href: string): string | undefined {
  if (!href.toLowerCase().startsWith('mailto:')) return undefined;
  const [to = ''] = href.slice('mailto:'.length).split('?');
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return undefined;
  }
  return emailsIn(decoded)[0];
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/** A site's own domain as a company would register it: `www.` dropped. */
export function siteDomain(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

/** Whether a domain is one of `domains` or beneath one of them. */
export function inDomains(domain: string, domains: readonly string[]): boolean {
  return domains.some((listed) => domain === listed || domain.endsWith(`.${listed}`));
}
