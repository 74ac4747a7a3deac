import type { Draw } from './random';

export interface DemoPerson {
  readonly name: string;
  /** Latin letters for e-mail addresses: `li.na`. */
  readonly handle: string;
}

export interface DemoCompany {
  readonly name: string;
  /** The company's domain without a suffix for uniqueness: `huateng-tech.com.cn`. */
  readonly domain: string;
  readonly industry: string;
}

/** The names, places and phrases of one demo team's market. */
export interface DemoCulture {
  person(draw: Draw): DemoPerson;
  company(draw: Draw): DemoCompany;
  /** A personal address at a free-mail provider. */
  freeMail(draw: Draw, person: DemoPerson): string;
  phone(draw: Draw): string;
  readonly cities: readonly string[];
  /** Job titles of people at companies. */
  readonly roles: readonly string[];
  /** Commissioned agents who bring customers for a fee. */
  readonly agents: readonly string[];
  /** Rival companies customers are won from. */
  readonly rivals: readonly string[];
  /** The industries the team sells to best. */
  readonly focusIndustries: readonly string[];
  /** What reps write down after a contact, by direction. */
  readonly notes: { readonly inbound: readonly string[]; readonly outbound: readonly string[] };
  /** The text after "Complaint: ". */
  readonly complaints: readonly string[];
  churnReason(months: number): string;
}
