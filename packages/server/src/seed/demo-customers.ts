import type { CustomerInput, RelationshipStage, Stage } from '@guanxi/core';
import type { DemoCompany, DemoCulture } from './demo-culture';
import type { Draw } from './random';

export interface StaffMember {
  readonly id: number;
  readonly name: string;
}

export interface PlannedCustomer {
  readonly input: CustomerInput;
  /** Orders this customer will have placed in the two years; 0 for one who never bought. */
  readonly orderCount: number;
  readonly owner: StaffMember;
}

export interface CustomerPlanOptions {
  readonly count: number;
  /** Customers get external references `<prefix>00001`, … as if they came from an ERP. */
  readonly refPrefix: string;
  readonly culture: DemoCulture;
  readonly reps: readonly StaffMember[];
  readonly manager: StaffMember;
}

const COMPANY_SHARE = 0.1;
const BUYER_SHARE = 0.62;
// Pareto: ~65% of buyers buy once, a few dozen 10+ times; top 20% bring ~80% of revenue.
const ORDER_COUNT_ALPHA = 1.5;
const MAX_ORDERS = 60;

/** A team's book: companies first (people's business e-mails point at their domains). */
export function planCustomers(draw: Draw, options: CustomerPlanOptions): PlannedCustomer[] {
  const taken = new Set<string>();
  const companies = Array.from({ length: Math.round(options.count * COMPANY_SHARE) }, () =>
    uniqueCompany(draw, options.culture, taken),
  );
  const planned = companies.map((company) => planCompany(draw, company, options));
  while (planned.length < options.count) {
    planned.push(planPerson(draw, companies, taken, options));
  }
  const refOf = (index: number) => `${options.refPrefix}${String(index + 1).padStart(5, '0')}`;
  return planned.map((plan, index) => {
    const source = sourceOf(draw, index, refOf, options.culture);
    return {
      ...plan,
      input: {
        ...plan.input,
        externalRef: refOf(index),
        ...(source === undefined
          ? {}
          : {
              attributes: {
                ...plan.input.attributes,
                source: { value: source, source: 'sales_rep' as const },
              },
            }),
      },
    };
  });
}

/**
 * Where the customer came from, as the `source` attribute's short text form (`referral:<ref>`,
 * `agent:<name>`): for the development plugin to read, like the CSV import's source column.
 * Referrals point at earlier customers, the first ones most, so a few become centres of
 * influence; about one customer in eight has no source recorded.
 */
function sourceOf(
  draw: Draw,
  index: number,
  refOf: (index: number) => string,
  culture: DemoCulture,
): string | undefined {
  const kind = draw.weighted({
    none: 12,
    web: 16,
    phone: 9,
    meeting: 9,
    referral: 18,
    centre_of_influence: 4,
    acquaintances: 5,
    directory: 5,
    door_to_door: 3,
    club: 4,
    consultancy: 3,
    agent: 5,
    competitor: 4,
    letter: 2,
    sms: 3,
  });
  const earlier = Array.from({ length: Math.min(index, 200) }, (_, i) => i);
  switch (kind) {
    case 'none':
      return undefined;
    case 'referral':
    case 'centre_of_influence':
      return earlier.length === 0
        ? 'web'
        : `${kind}:${refOf(draw.pickSkewed(earlier, kind === 'referral' ? 2.5 : 4))}`;
    case 'agent':
      return `agent:${draw.pick(culture.agents)}`;
    case 'competitor':
      return `competitor:${draw.pick(culture.rivals)}`;
    default:
      return kind;
  }
}

function planCompany(
  draw: Draw,
  company: DemoCompany,
  options: CustomerPlanOptions,
): PlannedCustomer {
  const orderCount = orderCountOf(draw);
  const owner = draw.chance(0.25) ? options.manager : draw.pick(options.reps);
  return {
    input: {
      kind: 'company',
      name: company.name,
      domains: [company.domain],
      phones: draw.chance(0.6) ? [options.culture.phone(draw)] : [],
      ...common(draw, orderCount, owner),
      attributes: {
        industry: { value: company.industry, source: 'registry' },
        employees: { value: Math.round(draw.logNormal(80, 1.2)) + 5, source: 'data_vendor' },
        city: { value: draw.pick(options.culture.cities), source: 'sales_rep' },
      },
    },
    orderCount,
    owner,
  };
}

function planPerson(
  draw: Draw,
  companies: readonly DemoCompany[],
  taken: Set<string>,
  options: CustomerPlanOptions,
): PlannedCustomer {
  const { culture } = options;
  const person = culture.person(draw);
  const mail = draw.weighted({ business: 35, free: 55, none: 10 });
  const emails =
    mail === 'none'
      ? []
      : [
          unique(
            taken,
            (attempt) => {
              const address =
                mail === 'business' && companies.length > 0
                  ? `${person.handle}@${draw.pick(companies).domain}`
                  : culture.freeMail(draw, person);
              return attempt === 0 ? address : address.replace('@', `${attempt}@`);
            },
            50,
          ),
        ];
  const orderCount = orderCountOf(draw);
  const owner = draw.pick(options.reps);
  return {
    input: {
      kind: 'person',
      name: person.name,
      emails,
      phones:
        mail === 'none' || draw.chance(0.35) ? [unique(taken, () => culture.phone(draw))] : [],
      ...common(draw, orderCount, owner),
      attributes: {
        city: {
          value: draw.pick(culture.cities),
          source: draw.weighted({ sales_rep: 3, website: 2, survey: 1 }),
        },
        ...(mail === 'business'
          ? { role: { value: draw.pick(culture.roles), source: 'sales_rep' } }
          : {}),
      },
    },
    orderCount,
    owner,
  };
}

function common(draw: Draw, orderCount: number, owner: StaffMember) {
  const relationshipStage: RelationshipStage | undefined =
    orderCount >= 6
      ? 'emotion'
      : orderCount >= 2
        ? 'interest'
        : orderCount === 1
          ? 'awareness'
          : undefined;
  return {
    stage: stageOf(draw, orderCount),
    ownerUserId: owner.id,
    ...(relationshipStage === undefined || draw.chance(0.3) ? {} : { relationshipStage }),
  };
}

// Buyers start as potential or target; their first recorded order makes them active.
function stageOf(draw: Draw, orderCount: number): Stage {
  if (orderCount > 0) return draw.chance(0.5) ? 'potential' : 'target';
  return draw.weighted({ potential: 5, target: 3, non_customer: 1.5 });
}

function orderCountOf(draw: Draw): number {
  return draw.chance(BUYER_SHARE) ? draw.pareto(ORDER_COUNT_ALPHA, MAX_ORDERS) : 0;
}

function uniqueCompany(draw: Draw, culture: DemoCulture, taken: Set<string>): DemoCompany {
  let company = culture.company(draw);
  for (let attempt = 1; taken.has(company.domain) || taken.has(company.name); attempt += 1) {
    const next = culture.company(draw);
    company =
      attempt < 50
        ? next
        : {
            ...next,
            name: `${next.name} (${attempt})`,
            domain: next.domain.replace('.', `${attempt}.`),
          };
  }
  taken.add(company.domain);
  taken.add(company.name);
  return company;
}

/** The first value not yet taken, trying `make` again (with the attempt number) until one is free. */
function unique(taken: Set<string>, make: (attempt: number) => string, retries = 20): string {
  let attempt = 0;
  let value = make(attempt);
  while (taken.has(value)) {
    attempt += 1;
    value = make(attempt < retries ? 0 : attempt);
  }
  taken.add(value);
  return value;
}
