import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The folder of jars (apex-ls, PMD 7) shipped inside @salesforce/code-analyzer-pmd-engine. */
export function javaLibDir(): string {
  const pkg = require.resolve('@salesforce/code-analyzer-pmd-engine/package.json');
  return path.join(path.dirname(pkg), 'dist', 'java-lib');
}

export interface JavaResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Java main class with the analyzer jars on the class path; fails clearly when java is absent. */
export function runJava(mainClass: string, args: string[], cwd: string): JavaResult {
  // Short runs on few cores: C1 alone and the serial collector spend less than half the CPU of the
  // defaults (C2 and G1 compile and collect on threads of their own), for the same result.
  const jvm = ['-Xss16m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
  const result = spawnSync('java', [...jvm, '-cp', `${javaLibDir()}${path.sep}*`, mainClass, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  });
  if (result.error) {
    throw new Error(
      `could not start java (${result.error.message}); install a JRE 11+ (apt-get install default-jre-headless)`
    );
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
