#!/usr/bin/env node
// In this repository the scaffold runs from source through tsx; the packed package's bin is
// the built dist/create-guanxi.mjs.
import { register } from 'tsx/esm/api';

register();
await import('../src/create-guanxi.ts');
