#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { processes } from '../lambdas/processes/index.ts';
import { parseConfig } from '../lib/config/index.ts';
import { TowerStack } from '../lib/tower-stack.ts';

const app = new App();
const config = parseConfig(app.node.getAllContext(), processes);
new TowerStack(app, `Tower-${config.stage}`, { config, processes, description: `Tower (${config.stage})` });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
