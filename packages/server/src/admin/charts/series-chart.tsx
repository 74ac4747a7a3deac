/** @jsxImportSource hono/jsx */
import { dashOf, seriesColourOf } from './palette';

const WIDTH = 560;
const HEIGHT = 240;
const LEFT = 48;
const BOTTOM = 36;
const TOP = 12;
const LEGEND = 22;
/** More labels than this along the axis would run into one another: every n-th is written. */
const MOST_LABELS = 13;

export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

/** A round upper end for the value axis: 1, 2 or 5 times a power of ten. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((each) => each * power >= value) ?? 10;
  return step * power;
}

/**
 * Bars grouped by label, or one line per series, on a value axis from 0: the charts of a
 * report over time or by segment.
 */
export function SeriesChart(props: {
  id: string;
  kind: 'bar' | 'line';
  title: string;
  labels: readonly string[];
  series: readonly Series[];
}) {
  const { labels, series } = props;
  const top = niceCeiling(Math.max(0, ...series.flatMap((each) => each.values)));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const plotWidth = WIDTH - LEFT;
  const slot = plotWidth / Math.max(labels.length, 1);
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const legendHeight = series.length > 1 ? LEGEND : 0;
  const labelEvery = Math.ceil(labels.length / MOST_LABELS);
  return (
    <svg
      class="chart"
      data-chart={props.kind}
      viewBox={`0 0 ${WIDTH} ${HEIGHT + legendHeight}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      {[0, 0.5, 1].map((share) => (
        <g>
          <line x1={LEFT} x2={WIDTH} y1={y(top * share)} y2={y(top * share)} stroke="#e4e7ec" />
          <text
            class="sub"
            x={LEFT - 6}
            y={y(top * share)}
            text-anchor="end"
            dominant-baseline="central"
          >
            {(top * share).toLocaleString()}
          </text>
        </g>
      ))}
      {labels.map((label, index) =>
        index % labelEvery === 0 ? (
          <text
            class="sub"
            x={LEFT + slot * (index + 0.5)}
            y={HEIGHT - BOTTOM + 18}
            text-anchor="middle"
          >
            {label}
          </text>
        ) : null,
      )}
      {series.map((each, seriesIndex) => {
        const colour = seriesColourOf(seriesIndex);
        if (props.kind === 'line') {
          const points = each.values
            .map((value, index) => `${LEFT + slot * (index + 0.5)},${y(value)}`)
            .join(' ');
          return (
            <g data-series={each.name}>
              <polyline
                points={points}
                fill="none"
                stroke={colour}
                stroke-width={2}
                stroke-dasharray={dashOf(seriesIndex)}
              />
              {each.values.map((value, index) => (
                <circle
                  cx={LEFT + slot * (index + 0.5)}
                  cy={y(value)}
                  r={3}
                  fill={colour}
                  data-value={value}
                />
              ))}
            </g>
          );
        }
        const width = (slot * 0.7) / series.length;
        return (
          <g data-series={each.name}>
            {each.values.map((value, index) => (
              <rect
                x={LEFT + slot * index + slot * 0.15 + width * seriesIndex}
                y={y(value)}
                width={width}
                height={TOP + plotHeight - y(value)}
                fill={colour}
                data-value={value}
              />
            ))}
          </g>
        );
      })}
      {series.length > 1
        ? series.map((each, index) => (
            <g>
              {props.kind === 'line' ? (
                <line
                  x1={LEFT + index * 140}
                  x2={LEFT + index * 140 + 12}
                  y1={HEIGHT + 5}
                  y2={HEIGHT + 5}
                  stroke={seriesColourOf(index)}
                  stroke-width={2}
                  stroke-dasharray={dashOf(index)}
                />
              ) : (
                <rect
                  x={LEFT + index * 140}
                  y={HEIGHT}
                  width={10}
                  height={10}
                  fill={seriesColourOf(index)}
                />
              )}
              <text
                class="sub"
                x={LEFT + index * 140 + 16}
                y={HEIGHT + 5}
                dominant-baseline="central"
              >
                {each.name}
              </text>
            </g>
          ))
        : null}
    </svg>
  );
}
