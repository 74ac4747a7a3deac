import type { Messages } from '../lib/i18n';
import { type Problem, send } from '../lib/messages';

export function problemText(problem: Problem, t: Messages): string {
  switch (problem.kind) {
    case 'unconfigured':
      return t.unconfigured;
    case 'offline':
      return t.offline;
    case 'rejected':
      return t.rejected;
    case 'neverLog':
      return t.neverLog;
    case 'failed':
      return t.failed(problem.detail);
  }
}

/** Why there is no card, and the one thing the rep can do about it. */
export function ProblemState(props: {
  readonly problem: Problem;
  readonly t: Messages;
  readonly onRetry: () => void;
}) {
  const { problem, t, onRetry } = props;
  const fixInOptions = problem.kind === 'unconfigured' || problem.kind === 'rejected';
  return (
    <div class="gx-state" data-state={problem.kind} role="status">
      <p>{problemText(problem, t)}</p>
      <div class="gx-actions">
        {fixInOptions ? (
          <button
            type="button"
            class="gx-button"
            data-action="open-options"
            onClick={() => void send('options:open', null)}
          >
            {t.openOptions}
          </button>
        ) : (
          <button type="button" class="gx-button" data-action="retry" onClick={onRetry}>
            {t.retry}
          </button>
        )}
      </div>
    </div>
  );
}
