// Types of bin/script.js, for the tests.
import type { Script } from 'node:vm';

export const SCRIPT: string;
export const CACHE: string;
export const CACHE_V8: string;
export function cacheUsable(v8?: string): boolean;
export function loadScript(cachedData?: Buffer): { exports: { run(argv: readonly string[]): Promise<number> }; script: Script };
