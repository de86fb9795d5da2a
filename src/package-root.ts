/**
 * paperboy's own folder (the one holding its package.json), found from this module's location
 * rather than the working directory, so `npx paperboy` works from anywhere. Searched upwards
 * because the module runs from src/ under tsx and from the dist/ bundle under `npm start`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(moduleUrl: string = import.meta.url): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`paperboy: no package.json above ${start}; is paperboy installed in full?`);
  }
}
