import { bundling } from '../../lambdas/platform/registry/bundling.ts';

/** The Node major every function is bundled for and deployed on (nodejs22.x): local workers run on it too. */
export const lambdaNodeMajor = Number(bundling.target.replace(/^node/, ''));

/** Why this Node cannot host the functions as Lambda would, with what to install; undefined when it can. */
export function nodeRuntimeProblem(version: string = process.versions.node): string | undefined {
  const major = Number(version.split('.')[0]);
  if (Number.isInteger(major) && major >= lambdaNodeMajor) return undefined;
  return [
    `Tower needs Node.js ${lambdaNodeMajor} or later (its functions run on nodejs${lambdaNodeMajor}.x); this is Node.js ${version}.`,
    `  npm's registry ships it:  npm install --prefix ~/.local/node${lambdaNodeMajor} node@${lambdaNodeMajor} && export PATH=~/.local/node${lambdaNodeMajor}/node_modules/node/bin:$PATH`,
    `  or from https://nodejs.org, nvm (nvm install ${lambdaNodeMajor}), Homebrew (brew install node@${lambdaNodeMajor}) or winget (winget install OpenJS.NodeJS.LTS).`,
  ].join('\n');
}

/** Refuses to host functions on an older Node than Lambda's: a handler must not pass here on APIs Lambda lacks, or fail on ones it has. */
export function requireLambdaNode(version?: string): void {
  const problem = nodeRuntimeProblem(version);
  if (problem) throw new Error(problem);
}
