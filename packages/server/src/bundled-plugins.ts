import type { AnyPlugin } from '@guanxi/core';
import exampleScorer from '@guanxi/plugin-example-scorer';
import loyalty from '@guanxi/plugin-loyalty';
import scoring from '@guanxi/plugin-scoring';
import service from '@guanxi/plugin-service';
import tiering from '@guanxi/plugin-tiering';
import winback from '@guanxi/plugin-winback';

/** The plugins `guanxi serve` and the other commands install; each team turns them on or off. */
export const bundledPlugins: AnyPlugin[] = [
  scoring,
  tiering,
  service,
  winback,
  loyalty,
  exampleScorer,
];
