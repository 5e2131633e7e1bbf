import { createRequire } from 'node:module';
import { useNodeBackend } from '../../src/engine/nodeBackend';

(globalThis as { require?: NodeRequire }).require ??= createRequire(import.meta.url);
await useNodeBackend('cpu');
