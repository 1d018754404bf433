/**
 * Finds a Java Development Kit new enough for a tool: JAVA_HOME first, then the JDKs installed under
 * /usr/lib/jvm (Debian's layout), then `java` on PATH. `java` on PATH is often older than a tool needs,
 * so it is the last resort, and the version is always read rather than assumed.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface Jdk {
  home: string | null;
  java: string;
  javac: string | null;
  jar: string | null;
  major: number;
}

export class JavaNotFoundError extends Error {}

const JVM_ROOT = '/usr/lib/jvm';

async function executable(file: string): Promise<boolean> {
  return fs.access(file, fs.constants.X_OK).then(
    () => true,
    () => false
  );
}

/** The major version `java -version` reports (1.8 → 8, 21.0.2 → 21), or null when it cannot run. */
export async function javaMajorVersion(javaBin: string): Promise<number | null> {
  const output = await new Promise<string | null>((resolve) => {
    execFile(javaBin, ['-version'], { timeout: 15_000 }, (error, stdout, stderr) =>
      resolve(error ? null : `${stderr}\n${stdout}`)
    );
  });
  const match = output?.match(/version "(\d+)(?:\.(\d+))?/);
  if (!match) return null;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

async function jdkAt(home: string): Promise<Jdk | null> {
  const java = path.join(home, 'bin', 'java');
  if (!(await executable(java))) return null;
  const major = await javaMajorVersion(java);
  if (major === null) return null;
  const javac = path.join(home, 'bin', 'javac');
  const jar = path.join(home, 'bin', 'jar');
  return {
    home,
    java,
    javac: (await executable(javac)) ? javac : null,
    jar: (await executable(jar)) ? jar : null,
    major
  };
}

async function candidateHomes(env: NodeJS.ProcessEnv, jvmRoot: string): Promise<string[]> {
  const homes: string[] = [];
  if (env.JAVA_HOME) homes.push(env.JAVA_HOME);
  const installed = await fs.readdir(jvmRoot).catch(() => [] as string[]);
  // Newest first by the version number in the folder name (temurin-25-jdk-amd64, java-17-openjdk-amd64).
  const versionOf = (name: string) => Number(/(\d+)/.exec(name.replace(/^java-1\./, 'java-'))?.[1] ?? 0);
  for (const name of installed.sort((a, b) => versionOf(b) - versionOf(a))) {
    homes.push(path.join(jvmRoot, name));
  }
  return homes;
}

export interface FindJdkOptions {
  /** The tool that needs it, for the error message. */
  tool: string;
  minimumMajor: number;
  /** javac and jar are needed too (compiling declarations), not only a runtime. */
  needCompiler?: boolean;
  env?: NodeJS.ProcessEnv;
  jvmRoot?: string;
}

/**
 * The first JDK (JAVA_HOME, then /usr/lib/jvm newest first, then PATH) at or above the minimum version.
 * Throws JavaNotFoundError naming what was found and what to install.
 */
export async function findJdk(options: FindJdkOptions): Promise<Jdk> {
  const env = options.env ?? process.env;
  const seen: string[] = [];
  const acceptable = (jdk: Jdk) =>
    jdk.major >= options.minimumMajor && (!options.needCompiler || (jdk.javac !== null && jdk.jar !== null));
  for (const home of await candidateHomes(env, options.jvmRoot ?? JVM_ROOT)) {
    const jdk = await jdkAt(home);
    if (!jdk) continue;
    if (acceptable(jdk)) return jdk;
    seen.push(`${home} (Java ${jdk.major}${jdk.javac ? '' : ', no javac'})`);
  }
  const onPath = await javaMajorVersion('java');
  if (onPath !== null && onPath >= options.minimumMajor && !options.needCompiler) {
    return { home: null, java: 'java', javac: null, jar: null, major: onPath };
  }
  if (onPath !== null) seen.push(`java on PATH (Java ${onPath})`);
  const found = seen.length > 0 ? `found only ${seen.join(', ')}` : 'found no Java at all';
  throw new JavaNotFoundError(
    `${options.tool} needs a Java ${options.minimumMajor}+ JDK${options.needCompiler ? ' (with javac and jar)' : ''}; ` +
      `${found}. Install one (e.g. \`apt-get install openjdk-${options.minimumMajor}-jdk-headless\` or Temurin ` +
      `${options.minimumMajor}+) and set JAVA_HOME to it, or install it under ${JVM_ROOT}.`
  );
}
