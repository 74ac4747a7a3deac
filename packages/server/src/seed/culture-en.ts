import type { DemoCulture } from './demo-culture';

const FIRST_NAMES = [
  'James',
  'Mary',
  'Michael',
  'Patricia',
  'Robert',
  'Jennifer',
  'John',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Karen',
  'Christopher',
  'Sarah',
  'Daniel',
  'Lisa',
  'Matthew',
  'Nancy',
  'Anthony',
  'Sandra',
  'Mark',
  'Ashley',
  'Steven',
  'Emily',
  'Andrew',
  'Michelle',
  'Kevin',
  'Amanda',
  'Brian',
  'Melissa',
  'Diego',
  'Sofia',
  'Wei',
  'Priya',
];

const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Nguyen',
  'Chen',
  'Patel',
  'Kim',
  'Murphy',
];

const BRANDS = [
  'Northwind',
  'Pacific',
  'Redwood',
  'Summit',
  'Golden Gate',
  'Cascade',
  'Evergreen',
  'Sierra',
  'Harbor',
  'Bayview',
  'Coastal',
  'Silverline',
  'Blue Oak',
  'Mesa',
  'Canyon',
  'Tideline',
  'Orchard',
  'Lighthouse',
  'Granite',
  'Sequoia',
];

const INDUSTRIES: readonly (readonly [string, string])[] = [
  ['Traders', 'Trade'],
  ['Labs', 'Technology'],
  ['Logistics', 'Logistics'],
  ['Foods', 'Food'],
  ['Analytics', 'Software'],
  ['Outfitters', 'Retail'],
  ['Health', 'Healthcare'],
  ['Systems', 'Technology'],
  ['Design', 'Services'],
  ['Supply', 'Wholesale'],
];

const AREA_CODES = ['415', '510', '650', '408', '206', '503', '213', '619', '916'];

export const enCulture: DemoCulture = {
  person(draw) {
    const first = draw.pickSkewed(FIRST_NAMES, 1.3);
    const last = draw.pickSkewed(LAST_NAMES, 1.5);
    return { name: `${first} ${last}`, handle: `${first}.${last}`.toLowerCase() };
  },
  company(draw) {
    const brand = draw.pick(BRANDS);
    const [suffix, industry] = draw.pick(INDUSTRIES);
    const legal = draw.pick(['Inc.', 'LLC', 'Co.']);
    const slug = `${brand}${suffix}`.toLowerCase().replaceAll(' ', '');
    return {
      name: `${brand} ${suffix} ${legal}`,
      domain: `${slug}${draw.pick(['.com', '.com', '.io', '.co'])}`,
      industry,
    };
  },
  freeMail(draw, person) {
    const domain = draw.weighted({
      'gmail.com': 5,
      'outlook.com': 2,
      'yahoo.com': 2,
      'icloud.com': 2,
      'hotmail.com': 1,
    });
    const local = draw.chance(0.5)
      ? person.handle
      : `${person.handle.replace('.', '')}${draw.int(1, 99)}`;
    return `${local}@${domain}`;
  },
  phone(draw) {
    return `+1 (${draw.pick(AREA_CODES)}) ${draw.int(200, 999)}-${draw.int(1000, 9999)}`;
  },
  cities: [
    'San Francisco',
    'Seattle',
    'Portland',
    'Los Angeles',
    'San Diego',
    'Oakland',
    'San Jose',
  ],
  roles: ['CEO', 'Purchasing manager', 'CFO', 'Operations director'],
  agents: ['Dana Ross', 'Sam Patel', 'Lee Morgan'],
  rivals: ['Northwind', 'Contoso', 'Globex'],
  focusIndustries: ['Technology', 'Logistics', 'Wholesale'],
  notes: {
    inbound: [
      'Asked for volume pricing on the spring catalogue',
      'Called about delivery dates for the open order',
      'Requested a quote for the team plan',
      'Said the last order works well for them',
      'Asked about the warranty terms',
      'Booked a demo through the website',
    ],
    outbound: [
      'Follow-up call: happy with the last order',
      'Sent the new catalogue and the spring promotion',
      'Visited to discuss the annual agreement',
      'Invited to the Seattle trade show',
      'Chased the quote: decision next month',
      'Introduced the loyalty programme',
    ],
  },
  complaints: [
    'Package arrived damaged, wants a replacement',
    'Delivery a week later than promised',
    'Invoice shows the wrong billing address',
    'Product stopped working, asks for a refund',
    'Could not reach support by phone',
  ],
  churnReason: (months) => `No order for ${months} months`,
};
