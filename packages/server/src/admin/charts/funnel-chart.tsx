/** @jsxImportSource hono/jsx */
import type { Band } from './palette';

const WIDTH = 480;
const ROW = 42;
const BAR = 28;
const LABEL_WIDTH = 140;
const COUNT_WIDTH = 56;
const BAR_AREA = WIDTH - LABEL_WIDTH - COUNT_WIDTH;
/** One hue, lighter to darker down the funnel. */
const BLUES = ['#93c5fd', '#60a5fa', '#3b82f6', '#2563eb', '#1d4ed8', '#1e40af'];

/** Centred bars, the largest full width: a funnel of stages. */
export function FunnelChart(props: { id: string; title: string; bands: readonly Band[] }) {
  const most = Math.max(0, ...props.bands.map((band) => band.value));
  return (
    <svg
      class="chart"
      data-chart="funnel"
      viewBox={`0 0 ${WIDTH} ${ROW * Math.max(props.bands.length, 1)}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      {props.bands.map((band, index) => {
        const width =
          most === 0 ? 0 : Math.max(band.value > 0 ? 3 : 0, (band.value / most) * BAR_AREA);
        const middle = index * ROW + ROW / 2;
        return (
          <g data-key={band.key ?? band.label} data-count={band.value}>
            <text x={0} y={middle} dominant-baseline="central">
              {band.label}
            </text>
            <rect
              x={LABEL_WIDTH + (BAR_AREA - width) / 2}
              y={middle - BAR / 2}
              width={width}
              height={BAR}
              rx={4}
              fill={BLUES[Math.min(index, BLUES.length - 1)]}
            />
            <text class="count" x={WIDTH} y={middle} text-anchor="end" dominant-baseline="central">
              {band.value.toLocaleString()}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
