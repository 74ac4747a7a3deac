import type { Locale, Schemas } from '@guanxi/client';
import { formatMoney } from '../lib/format';
import type { Messages } from '../lib/i18n';
import { Row, Section } from './layout';

type Slot = Schemas['DevelopmentSlot'];

function sourceText(source: Slot['source'], t: Messages['development']): string {
  if (source === null) return t.noSource;
  if (source.status === 'refused') return t.refused(source.issue ?? '');
  const who = source.referrer?.name ?? source.agent ?? source.competitor;
  return who === null ? source.label : t.named(source.label, who);
}

function opportunityText(
  opportunity: NonNullable<Slot['opportunity']>,
  t: Messages['development'],
  locale: Locale,
): string {
  return [
    opportunity.title ?? t.untitled,
    opportunity.stageLabel,
    formatMoney(opportunity.amount, opportunity.currency, locale),
    t.closes(opportunity.closeDay),
  ].join(' · ');
}

/**
 * The development plugin's slot: where the customer came from, their fit, the open sale, how
 * to persuade them, the buying signals seen, the relationship and the library's pains and case.
 * Every text but the headings comes from the server in the rep's language.
 */
export function Development(props: {
  readonly slot: Slot;
  readonly t: Messages;
  readonly locale: Locale;
}) {
  const { slot, locale } = props;
  const t = props.t.development;
  const { opportunity, customerType, relationship, matchingCase } = slot;
  const reasons = slot.fit.reasons.slice(0, 2);
  return (
    <Section title={t.title} field="development">
      <dl class="gx-grid">
        <Row label={t.source} field="dev-source" value={sourceText(slot.source, t)} />
        {slot.referrals > 0 && (
          <Row
            label={t.referrals}
            field="dev-referrals"
            value={slot.centreOfInfluence ? t.centre(slot.referrals) : String(slot.referrals)}
          />
        )}
        <Row
          label={t.fit}
          field="dev-fit"
          value={[String(slot.fit.score), ...reasons].join(' · ')}
        />
        {opportunity && (
          <Row
            label={t.opportunity}
            field="dev-opportunity"
            value={opportunityText(opportunity, t, locale)}
          />
        )}
        {customerType && (
          <Row
            label={t.type}
            field="dev-type"
            value={t.named(customerType.label, customerType.strategy)}
          />
        )}
        {slot.signals.length > 0 && (
          <Row
            label={t.signals}
            field="dev-signals"
            value={[...new Set(slot.signals.map((seen) => seen.label))].join(' · ')}
          />
        )}
        <Row
          label={t.relationship}
          field="dev-relationship"
          value={[
            // A stranger is at no step yet: the standing says it all.
            relationship.step === 'stranger'
              ? relationship.standingLabel
              : `${relationship.standingLabel} · ${relationship.label}`,
            ...(relationship.suggestion === null
              ? []
              : [t.suggested(relationship.suggestion.label, relationship.suggestion.reason)]),
          ].join(' — ')}
        />
        {slot.pains.length > 0 && (
          <Row label={t.pains} field="dev-pains" value={slot.pains.join(' · ')} />
        )}
        {matchingCase && (
          <Row
            label={t.reference}
            field="dev-case"
            value={`${matchingCase.keyIssue} → ${matchingCase.result}`}
          />
        )}
      </dl>
    </Section>
  );
}
