import { describe, expect, it } from 'vitest';
import {
  lambdaNodeMajor,
  nodeRuntimeProblem,
  requireLambdaNode,
} from '../../../../local/lambda/node-runtime.ts';

describe('the Node that hosts local functions', () => {
  it('is the major Lambda runs the bundles on (nodejs22.x)', () => {
    expect(lambdaNodeMajor).toBe(22);
  });

  it('accepts that major and later ones', () => {
    expect(nodeRuntimeProblem('22.0.0')).toBeUndefined();
    expect(nodeRuntimeProblem('22.23.3')).toBeUndefined();
    expect(nodeRuntimeProblem('24.1.0')).toBeUndefined();
  });

  it('refuses an older one, naming both versions and how to install', () => {
    const problem = nodeRuntimeProblem('20.20.2') ?? '';
    expect(problem).toContain('Node.js 22 or later');
    expect(problem).toContain('this is Node.js 20.20.2');
    expect(problem).toContain('npm install --prefix ~/.local/node22 node@22');
    expect(() => requireLambdaNode('18.19.0')).toThrow(/nodejs22\.x/);
  });

  it('refuses a version it cannot read rather than guess', () => {
    expect(nodeRuntimeProblem('v-next')).toContain('Node.js 22 or later');
  });

  it('is the Node these tests run on', () => {
    expect(nodeRuntimeProblem()).toBeUndefined();
  });
});
