import { describe, expect, it } from 'vitest';
import { javaMajor, javaProblem, requireJava } from '../../../../local/emulators/java-runtime.ts';

// What `java -version` prints on stderr, as recorded from each runtime.
const openjdk17 =
  'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)\n';
const openjdk21 = 'openjdk version "21.0.4" 2024-07-16 LTS\n';
const java8 = 'java version "1.8.0_402"\nJava(TM) SE Runtime Environment (build 1.8.0_402-b06)\n';
const openjdk11 = 'openjdk version "11.0.22" 2024-01-16\n';

describe('the Java check before DynamoDB Local starts', () => {
  it('reads the major version of old and new version strings', () => {
    expect(javaMajor(openjdk17)).toBe(17);
    expect(javaMajor(openjdk21)).toBe(21);
    expect(javaMajor(java8)).toBe(8);
    expect(javaMajor('openjdk version "22" 2024-03-19')).toBe(22);
    expect(javaMajor('no version here')).toBeUndefined();
  });

  it('accepts Java 17 and later', () => {
    expect(javaProblem(openjdk17)).toBeUndefined();
    expect(javaProblem(openjdk21)).toBeUndefined();
    expect(() => requireJava(() => openjdk17)).not.toThrow();
  });

  it('refuses a missing java, saying what to install on each system', () => {
    const problem = javaProblem(undefined) ?? '';
    expect(problem).toContain('`java` is not on PATH');
    expect(problem).toContain('sudo apt-get install -y openjdk-17-jre-headless');
    expect(problem).toContain('brew install openjdk@17');
    expect(problem).toContain('winget install Microsoft.OpenJDK.17');
    expect(() => requireJava(() => undefined)).toThrow(/openjdk-17-jre-headless/);
  });

  it('refuses Java older than 17, naming the version found', () => {
    expect(javaProblem(java8)).toMatch(/is Java 8\.[\s\S]*openjdk-17-jre-headless/);
    expect(javaProblem(openjdk11)).toMatch(/is Java 11\./);
  });

  it('refuses output it cannot read rather than guessing', () => {
    expect(javaProblem('Picked up _JAVA_OPTIONS: -Xmx1g\n')).toMatch(/no version I can read/);
  });
});
