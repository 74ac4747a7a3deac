/** @jsxImportSource hono/jsx */
import { TIERS, type Tier, type TierCount } from '../data/revenue-tiers';
import { percentOf } from '../format';
import { useMessages } from '../i18n';

const WIDTH = 480;
const BASE = 230;
const BAND = 52;
const GAP = 3;
const LABEL_X = BASE + 28;
const HEIGHT = BAND * TIERS.length;

const COLOURS: Readonly<Record<Tier, string>> = {
  important: '#7a271a',
  secondary: '#b42318',
  normal: '#f97066',
  small: '#fecdca',
};

/** Half the pyramid's width at height `y` from its apex. */
function halfWidth(y: number): number {
  return (y / HEIGHT) * (BASE / 2);
}

/** The customer pyramid: equal bands, apex up, each labelled with its count and revenue share. */
export function PyramidChart({ tiers }: { tiers: readonly TierCount[] }) {
  const t = useMessages();
  const revenue = tiers.reduce((sum, tier) => sum + tier.revenue, 0);
  const customers = tiers.reduce((sum, tier) => sum + tier.customers, 0);
  const centre = BASE / 2;
  return (
    <svg
      class="chart"
      data-chart="pyramid"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby="pyramid-title"
    >
      <title id="pyramid-title">{`${t.pyramidTitle}: ${t.customersCount(customers)}`}</title>
      {tiers.map((tier, index) => {
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
          <g data-tier={tier.tier} data-count={tier.customers}>
            <polygon points={points} fill={COLOURS[tier.tier]} />
            <line
              x1={centre + halfWidth(middle) + 6}
              y1={middle}
              x2={LABEL_X - 8}
              y2={middle}
              stroke="#d0d5dd"
              stroke-dasharray="3 3"
            />
            <text x={LABEL_X} y={middle - 9} dominant-baseline="central">
              {t.tiers[tier.tier]}
            </text>
            <text class="sub" x={LABEL_X} y={middle + 10} dominant-baseline="central">
              <tspan class="count">{t.customersCount(tier.customers)}</tspan>
              {` · ${t.revenueShare(percentOf(tier.revenue, revenue))}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
