/** @jsxImportSource hono/jsx */
import { type Band, colourOf } from './palette';

const WIDTH = 480;
const BASE = 230;
const BAND = 52;
const GAP = 3;
const LABEL_X = BASE + 28;

/** Bands of equal height, apex up, each labelled with its figure and note: a customer pyramid. */
export function PyramidChart(props: { id: string; title: string; bands: readonly Band[] }) {
  const height = BAND * Math.max(props.bands.length, 1);
  const halfWidth = (y: number) => (y / height) * (BASE / 2);
  const centre = BASE / 2;
  return (
    <svg
      class="chart"
      data-chart="pyramid"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      {props.bands.map((band, index) => {
        const top = index * BAND + (index === 0 ? 0 : GAP / 2);
        const bottom = (index + 1) * BAND - GAP / 2;
        const middle = (top + bottom) / 2;
        const points = [
          [centre - halfWidth(top), top],
          [centre + halfWidth(top), top],
          [centre + halfWidth(bottom), bottom],
          [centre - halfWidth(bottom), bottom],
        ]
          .map(([x, y]) => `${x},${y}`)
          .join(' ');
        return (
          <g data-key={band.key ?? band.label} data-count={band.value}>
            <polygon points={points} fill={colourOf(index)} />
            <line
              x1={centre + halfWidth(middle) + 6}
              y1={middle}
              x2={LABEL_X - 8}
              y2={middle}
              stroke="#d0d5dd"
              stroke-dasharray="3 3"
            />
            <text x={LABEL_X} y={middle - 9} dominant-baseline="central">
              {band.label}
            </text>
            <text class="sub" x={LABEL_X} y={middle + 10} dominant-baseline="central">
              <tspan class="count">{band.value.toLocaleString()}</tspan>
              {band.note === undefined ? '' : ` · ${band.note}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
