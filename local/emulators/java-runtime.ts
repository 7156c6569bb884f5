import { spawnSync } from 'node:child_process';

/** The oldest Java that AWS's DynamoDB Local (3.x) runs on. */
export const minimumJava = 17;

const installHint = [
  'Install a Java 17 (or later) runtime and make sure `java` is on PATH:',
  '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless',
  '  macOS:         brew install openjdk@17',
  '  Windows:       winget install Microsoft.OpenJDK.17',
].join('\n');

/** The major version in `java -version`'s output (`"17.0.15"` → 17, `"1.8.0_402"` → 8), or undefined. */
export function javaMajor(versionOutput: string): number | undefined {
  const quoted = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!quoted) return undefined;
  const first = Number(quoted[1]);
  return first === 1 && quoted[2] !== undefined ? Number(quoted[2]) : first;
}

/**
 * Why Java cannot run DynamoDB Local, with what to install, or undefined when it can.
 * `versionOutput` is what `java -version` printed (on stderr), undefined when `java` could not run.
 */
export function javaProblem(versionOutput: string | undefined): string | undefined {
  if (versionOutput === undefined)
    return `DynamoDB Local (AWS's own, which the local runtime uses) needs Java, and \`java\` is not on PATH.\n${installHint}`;
  const major = javaMajor(versionOutput);
  if (major === undefined)
    return `DynamoDB Local needs Java ${minimumJava}+, and \`java -version\` printed no version I can read:\n${versionOutput.trim()}\n${installHint}`;
  if (major < minimumJava)
    return `DynamoDB Local needs Java ${minimumJava}+, and \`java\` on PATH is Java ${major}.\n${installHint}`;
  return undefined;
}

/** What `java -version` prints, or undefined when there is no `java` to run. */
export function readJavaVersion(): string | undefined {
  const run = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 30_000 });
  if (run.error || run.status !== 0) return undefined;
  return `${run.stderr}${run.stdout}`;
}

/** Throws, saying what to install, unless a Java that runs DynamoDB Local is on PATH; its `java -version`. */
export function requireJava(read: () => string | undefined = readJavaVersion): string {
  const output = read();
  const problem = javaProblem(output);
  if (problem || output === undefined) throw new Error(problem);
  return output;
}
