import type { Badge } from '../lib/messages';

/** The tier of a sender in a thread list, with who they are and why in its tooltip. */
export function TierBadge({ badge }: { readonly badge: Badge }) {
  const why = badge.why === '' ? '' : `: ${badge.why}`;
  return (
    <span
      class="gx-badge"
      data-tier={badge.tier ?? 'none'}
      title={`${badge.name} · ${badge.label}${why}`}
    >
      {badge.label}
    </span>
  );
}
