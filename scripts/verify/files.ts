import fs from 'node:fs';
import path from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sf', '.sfdx', '.tsbuild', 'coverage', 'dist']);

/** Every file below `dir` (recursively) whose path passes `accept`, sorted; missing dir → []. */
export function listFiles(dir: string, accept: (file: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && accept(full)) {
        out.push(full);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** The package directories named in sfdx-project.json (absolute paths). */
export function packageDirectories(root: string): string[] {
  const project = JSON.parse(fs.readFileSync(path.join(root, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories: { path: string }[];
  };
  return project.packageDirectories.map((p) => path.join(root, p.path));
}

/** All files of the project's package directories that pass `accept`. */
export function listSourceFiles(root: string, accept: (file: string) => boolean): string[] {
  return packageDirectories(root).flatMap((dir) => listFiles(dir, accept));
}

export const isApexSource = (file: string): boolean => file.endsWith('.cls') || file.endsWith('.trigger');
