import type { Schemas } from '@guanxi/client';

type Panel = Schemas['CardPanel'];

/**
 * Each enabled plugin's panel as its JSON gives it: a title, label/value rows and the names of
 * its actions. Whatever a plugin sends is shown as text.
 */
export function Panels({
  panels,
  title,
}: {
  readonly panels: readonly Panel[];
  readonly title: string;
}) {
  if (panels.length === 0) return null;
  return (
    <div class="gx-section" data-field="panels">
      <h3>{title}</h3>
      {panels.map((panel) => (
        <details
          class="gx-panel"
          key={`${panel.plugin}/${panel.id}`}
          data-panel={`${panel.plugin}/${panel.id}`}
        >
          <summary>{panel.title}</summary>
          <dl class="gx-grid">
            {(panel.items ?? []).map((item, index) => (
              <PanelRow key={`${index}:${item.label}`} label={item.label} value={item.value} />
            ))}
          </dl>
          {(panel.actions ?? []).length > 0 && (
            <div class="gx-tags">
              {panel.actions.map((action) => (
                <span class="gx-tag" key={action.id}>
                  {action.label}
                </span>
              ))}
            </div>
          )}
        </details>
      ))}
    </div>
  );
}

function PanelRow({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <>
      <dt>{String(label)}</dt>
      <dd>{String(value)}</dd>
    </>
  );
}
