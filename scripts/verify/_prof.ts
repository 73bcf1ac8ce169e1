import fs from 'node:fs';
import path from 'node:path';
import { parseApex, loadApexProject } from './apex-project.js';
import { analyzeProject } from './apex-body.js';
import { listSourceFiles, isApexSource } from './files.js';
const root = path.resolve(process.argv[2] ?? '.');
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e3; };
let t = cpu();
const rows: [number, string, boolean][] = [];
for (const f of listSourceFiles(root, isApexSource)) {
  const s = cpu(); const r = parseApex(fs.readFileSync(f, 'utf8'), f.endsWith('.trigger'));
  rows.push([cpu() - s, path.basename(f), 'error' in r]);
}
console.log('parse total ms', cpu() - t);
rows.sort((a, b) => b[0] - a[0]); console.log(rows.slice(0, 12));
t = cpu(); const p = loadApexProject(root); console.log('load ms', cpu() - t);
t = cpu(); analyzeProject(p); console.log('analyze ms', cpu() - t);
