import { type ComponentChild, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import cardCss from '../ui/card.css?inline';

export interface Mounted<P> {
  readonly host: HTMLElement;
  /** Renders again with new props; Preact changes only what differs. */
  update(props: P): void;
  remove(): void;
}

export interface MountOptions<P> {
  /** The custom element that hosts the shadow root, e.g. `guanxi-card`. */
  readonly name: string;
  readonly anchor: Element;
  readonly append: 'after' | 'last';
  readonly view: (props: P) => ComponentChild;
  readonly props: P;
}

/**
 * A Preact tree in a shadow root of its own (WXT's createShadowRootUi), so the page's CSS
 * cannot reach it; keys typed in it do not reach the page's shortcuts either.
 */
export async function mountShadow<P>(
  ctx: ContentScriptContext,
  options: MountOptions<P>,
): Promise<Mounted<P>> {
  const { view } = options;
  const ui = await createShadowRootUi<HTMLElement>(ctx, {
    name: options.name,
    position: 'inline',
    anchor: options.anchor,
    append: options.append,
    css: cardCss,
    isolateEvents: true,
    onMount: (container) => {
      render(view(options.props), container);
      return container;
    },
    onRemove: (container) => {
      if (container !== undefined) render(null, container);
    },
  });
  ui.mount();
  return {
    host: ui.shadowHost,
    update: (props) => render(view(props), ui.uiContainer),
    remove: () => ui.remove(),
  };
}
