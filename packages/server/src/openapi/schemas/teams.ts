import {
  type ApiKeyInfo,
  type CreatedApiKey,
  type Locale,
  type Membership,
  ROLES,
  type Team,
  type User,
} from '@guanxi/core';
import { z } from 'zod';
import { id, listOf, time } from './common';

export const roleOutput = z.enum(ROLES);
export const localeSchema = z.enum(['en', 'zh-CN']) satisfies z.ZodType<Locale>;

const teamObject = z.strictObject({
  id,
  name: z.string(),
  slug: z.string(),
  currency: z.string().meta({ description: 'ISO 4217 code' }),
  locale: localeSchema,
  timeZone: z.string().meta({ description: 'IANA time zone in which the team’s days are read' }),
  createdAt: time,
});

export const teamSchema: z.ZodType<Team> = teamObject.meta({ id: 'Team' });

const userObject = z.strictObject({ id, email: z.string(), name: z.string(), createdAt: time });

export const userSchema: z.ZodType<User> = userObject.meta({ id: 'User' });

export const memberSchema = userObject
  .extend({ role: roleOutput })
  .meta({ id: 'Member', description: 'A user with their role in the team' });

export const membershipSchema: z.ZodType<Membership> = z
  .strictObject({ teamId: id, userId: id, role: roleOutput })
  .meta({ id: 'Membership' });

export const meSchema = z
  .strictObject({
    user: userSchema,
    teams: listOf(teamObject.extend({ role: roleOutput })),
  })
  .meta({ id: 'Me', description: 'The caller and the teams they belong to, with their role' });

const apiKeyObject = z.strictObject({
  id,
  userId: id,
  name: z.string(),
  prefix: z.string().meta({ description: 'The first characters of the key' }),
  createdAt: time,
  lastUsedAt: time.nullable(),
  revokedAt: time.nullable(),
});

export const apiKeyInfoSchema: z.ZodType<ApiKeyInfo> = apiKeyObject.meta({
  id: 'ApiKeyInfo',
  description: 'An API key, never the key itself',
});

export const createdApiKeySchema: z.ZodType<CreatedApiKey> = apiKeyObject
  .extend({ key: z.string().meta({ description: 'The key itself: shown this once' }) })
  .meta({ id: 'CreatedApiKey' });
