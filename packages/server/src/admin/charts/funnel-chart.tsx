/** @jsxImportSource hono/jsx */
import { STAGE_LABELS, STAGES, type Stage } from '@guanxi/core';
import { useMessages } from '../i18n';

const WIDTH = 480;
const ROW = 42;
const BAR = 28;
const LABEL_WIDTH = 140;
const COUNT_WIDTH = 48;
const BAR_AREA = WIDTH - LABEL_WIDTH - COUNT_WIDTH;

const COLOURS: Readonly<Record<Stage, string>> = {
  potential: '#93c5fd',
  target: '#3b82f6',
  active: '#1d4ed8',
  churned: '#f59e0b',
  non_customer: '#cbd5e1',
};

/** Customers per lifecycle stage as centred bars, widest stage full width. */
export function FunnelChart({ counts }: { counts: Readonly<Record<Stage, number>> }) {
  const t = useMessages();
  const most = Math.max(...STAGES.map((stage) => counts[stage]));
  const total = STAGES.reduce((sum, stage) => sum + counts[stage], 0);
  return (
    <svg
      class="chart"
      data-chart="funnel"
      viewBox={`0 0 ${WIDTH} ${ROW * STAGES.length}`}
      role="img"
      aria-labelledby="funnel-title"
    >
      <title id="funnel-title">{`${t.funnelTitle}: ${t.customersCount(total)}`}</title>
      {STAGES.map((stage, index) => {
        const count = counts[stage];
        const width = most === 0 ? 0 : Math.max(count > 0 ? 3 : 0, (count / most) * BAR_AREA);
        const middle = index * ROW + ROW / 2;
        return (
          <g data-stage={stage} data-count={count}>
            <text x={0} y={middle} dominant-baseline="central">
              {STAGE_LABELS[stage][t.locale]}
            </text>
            <rect
              x={LABEL_WIDTH + (BAR_AREA - width) / 2}
              y={middle - BAR / 2}
              width={width}
              height={BAR}
              rx={4}
              fill={COLOURS[stage]}
            />
            <text class="count" x={WIDTH} y={middle} text-anchor="end" dominant-baseline="central">
              {count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
