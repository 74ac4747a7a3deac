import { emailAt, emailOfMailto } from '../lib/emails';

/** An address under the pointer and the box it occupies on screen. */
export interface Pointed {
  readonly email: string;
  readonly name: string;
  readonly rect: DOMRect;
}

function caretAt(x: number, y: number): { node: Node; offset: number } | undefined {
  if (typeof document.caretPositionFromPoint === 'function') {
    const position = document.caretPositionFromPoint(x, y);
    return position === null ? undefined : { node: position.offsetNode, offset: position.offset };
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

const within = (rect: DOMRect, x: number, y: number) =>
  x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;

/** The address in a text node under the pointer, if the pointer is on its characters. */
function addressInText(x: number, y: number): Pointed | undefined {
  const caret = caretAt(x, y);
  if (caret === undefined || caret.node.nodeType !== Node.TEXT_NODE) return undefined;
  const text = caret.node.textContent ?? '';
  const email = emailAt(text, caret.offset);
  if (email === undefined) return undefined;
  const start = text.toLowerCase().indexOf(email);
  if (start < 0) return undefined;
  const range = document.createRange();
  range.setStart(caret.node, start);
  range.setEnd(caret.node, start + email.length);
  const rect = [...range.getClientRects()].find((box) => within(box, x, y));
  return rect === undefined ? undefined : { email, name: '', rect };
}

/** The address of a `mailto:` link or of an address written in the text under the pointer. */
export function pointedAddress(event: MouseEvent): Pointed | undefined {
  const target = event.target instanceof Element ? event.target : null;
  const link = target?.closest('a[href^="mailto:" i]');
  if (link) {
    const email = emailOfMailto(link.getAttribute('href') ?? '');
    if (email === undefined) return undefined;
    const text = (link.textContent ?? '').trim();
    return { email, name: text.includes('@') ? '' : text, rect: link.getBoundingClientRect() };
  }
  return addressInText(event.clientX, event.clientY);
}
