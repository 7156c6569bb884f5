import type { Use } from '../capability/use.ts';
import { envVars } from '../registry/names.ts';

/** Receives its process's rule parameters (env RULE_PARAMETERS); only a process's own function can. */
const parameters = (): Use => ({
  capability: 'rules',
  kind: 'parameters',
  summary: "reads its process's rule parameters",
  environment: (deployed, fn) => {
    const parameters = fn.process === undefined ? undefined : deployed.config.processes[fn.process]?.rules;
    if (parameters === undefined) throw new Error(`${fn.id} needs rule parameters, but its process has none`);
    return { [envVars.ruleParameters]: JSON.stringify(parameters) };
  },
  problems: (_catalog, fn) =>
    fn.process === undefined
      ? [`function ${fn.id} asks for rule parameters, which only a process's own functions get`]
      : [],
});

/** Versioned rules as data, with the parameters a deployment sets per process. */
export const rules = { parameters };
