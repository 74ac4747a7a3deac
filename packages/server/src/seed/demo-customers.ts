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
  return planned.map((plan, index) => ({
    ...plan,
    input: {
      ...plan.input,
      externalRef: `${options.refPrefix}${String(index + 1).padStart(5, '0')}`,
    },
  }));
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
