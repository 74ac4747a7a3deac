import type { AnyPlugin } from '@guanxi/core';
import exampleScorer from '@guanxi/plugin-example-scorer';
import scoring from '@guanxi/plugin-scoring';
import tiering from '@guanxi/plugin-tiering';

/** The plugins `guanxi serve` and the other commands install; each team turns them on or off. */
export const bundledPlugins: AnyPlugin[] = [scoring, tiering, exampleScorer];
