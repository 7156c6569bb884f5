#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseConfig } from '../lib/config/index.ts';
import { TowerStack } from '../lib/tower-stack.ts';

const app = new App();
const config = parseConfig(app.node.getAllContext());
new TowerStack(app, `Tower-${config.stage}`, { config, description: `Tower (${config.stage})` });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
