import type { Locale, Role } from '@guanxi/core';
import { enCulture } from './culture-en';
import { zhCulture } from './culture-zh';
import type { DemoCulture } from './demo-culture';

export interface DemoStaff {
  readonly role: Role;
  readonly name: string;
  readonly email: string;
}

export interface DemoTeam {
  readonly name: string;
  readonly slug: string;
  readonly locale: Locale;
  readonly currency: string;
  readonly culture: DemoCulture;
  readonly staff: readonly DemoStaff[];
  /** Typical order value in minor units. */
  readonly medianOrder: { readonly person: number; readonly company: number };
}

export const DEMO_TEAMS: readonly DemoTeam[] = [
  {
    name: '华东销售部',
    slug: 'east',
    locale: 'zh-CN',
    currency: 'CNY',
    culture: zhCulture,
    staff: [
      { role: 'admin', name: '陈静', email: 'chen.jing@east.example.com' },
      { role: 'manager', name: '王磊', email: 'wang.lei@east.example.com' },
      { role: 'rep', name: '李娜', email: 'li.na@east.example.com' },
      { role: 'rep', name: '张伟', email: 'zhang.wei@east.example.com' },
    ],
    medianOrder: { person: 45_000, company: 250_000 },
  },
  {
    name: 'West Coast Sales',
    slug: 'west',
    locale: 'en',
    currency: 'USD',
    culture: enCulture,
    staff: [
      { role: 'admin', name: 'Olivia Bennett', email: 'olivia.bennett@west.example.com' },
      { role: 'manager', name: 'Marcus Reed', email: 'marcus.reed@west.example.com' },
      { role: 'rep', name: 'Emily Carter', email: 'emily.carter@west.example.com' },
      { role: 'rep', name: 'Jason Kim', email: 'jason.kim@west.example.com' },
    ],
    medianOrder: { person: 8_500, company: 45_000 },
  },
];
