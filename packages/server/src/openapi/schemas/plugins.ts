import type {
  AuditEntry,
  HookFailure,
  PluginInfo,
  PluginSetting,
  ReplayResult,
} from '@guanxi/core';
import { z } from 'zod';
import { id, listOf, time } from './common';

const pluginSetting = {
  enabled: z.boolean(),
  config: z.unknown().meta({ description: "The team's configuration, by the plugin's schema" }),
};

export const pluginEntrySchema: z.ZodType<PluginInfo & PluginSetting> = z
  .strictObject({
    id: z.string(),
    version: z.string(),
    description: z.string(),
    dependsOn: z.record(z.string(), z.string()),
    ...pluginSetting,
  })
  .meta({
    id: 'PluginEntry',
    description: "An installed plugin and this team's settings for it",
  });

export const pluginSettingSchema = z
  .strictObject({ id: z.string(), ...pluginSetting })
  .meta({ id: 'PluginSetting' });

export const hookFailureSchema: z.ZodType<HookFailure> = z
  .strictObject({
    id,
    teamId: id,
    pluginId: z.string(),
    hook: z.string(),
    items: listOf(z.unknown()),
    error: z.string(),
    kind: z.enum(['error', 'timeout']),
    attempts: z.number().int(),
    createdAt: time,
    replayedAt: time.nullable(),
  })
  .meta({
    id: 'HookFailure',
    description: 'A plugin handler that failed or overran, kept for replay',
  });

export const replayResultSchema: z.ZodType<ReplayResult> = z
  .union([
    z.strictObject({ ok: z.literal(true) }),
    z.strictObject({ ok: z.literal(false), error: z.string() }),
  ])
  .meta({ id: 'ReplayResult' });

export const auditEntrySchema: z.ZodType<AuditEntry> = z
  .strictObject({
    id,
    teamId: id.nullable(),
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    occurredAt: time,
  })
  .meta({ id: 'AuditEntry', description: 'Who changed what, before and after' });
