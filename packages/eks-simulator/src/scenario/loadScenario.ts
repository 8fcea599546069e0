import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  generateLargeCluster,
  LargeClusterOptions,
} from './generateLargeCluster';
import { resolveScenario } from './resolveScenario';
import { Scenario, ScenarioFile } from './types';

/**
 * Where the scenarios shipped with the simulator live. The package always runs from its
 * sources (bin/eks-simulator.js, jest), never from a bundled build, so this path is stable.
 */
// eslint-disable-next-line no-restricted-syntax
export const BUILTIN_SCENARIO_DIR = path.resolve(__dirname, '../../scenarios');

/** Names of the shipped scenarios (`auto-mode`, `custom-networking`, `portal-demo`, …). */
export function listBuiltinScenarios(): string[] {
  return fs
    .readdirSync(BUILTIN_SCENARIO_DIR)
    .filter(f => f.endsWith('.yaml'))
    .map(f => f.replace(/\.yaml$/, ''))
    .sort();
}

/** Parses scenario YAML text (no validation yet). */
export function parseScenarioYaml(text: string): ScenarioFile {
  const file = parse(text) as ScenarioFile;
  if (!file || typeof file !== 'object') {
    throw new Error('A scenario file must be a YAML mapping');
  }
  return file;
}

/** What `loadScenario` and `startSimulator` accept as a scenario. */
export type ScenarioSource = string | ScenarioFile | Scenario;

/**
 * Loads and validates a scenario from:
 *  - a shipped scenario's name (`portal-demo`),
 *  - `generated` or `generated:nodes=500,podsPerNode=40,subnets=3` (see generateLargeCluster),
 *  - a path to a YAML file,
 *  - a parsed `ScenarioFile` object, or an already resolved `Scenario`.
 */
export function loadScenario(source: ScenarioSource): Scenario {
  if (typeof source !== 'string') {
    if ('warnings' in source && Array.isArray((source as Scenario).regions)) {
      return source as Scenario;
    }
    return resolveScenario(source as ScenarioFile);
  }
  if (source === 'generated' || source.startsWith('generated:')) {
    return resolveScenario(
      generateLargeCluster(parseGeneratorOptions(source.slice(10))),
    );
  }
  const builtin = path.join(BUILTIN_SCENARIO_DIR, `${source}.yaml`);
  const file =
    /^[a-z0-9-]+$/.test(source) && fs.existsSync(builtin)
      ? builtin
      : path.resolve(source);
  if (!fs.existsSync(file)) {
    throw new Error(
      `No scenario '${source}': neither a shipped scenario (${listBuiltinScenarios().join(
        ', ',
      )}) nor a file`,
    );
  }
  return resolveScenario(parseScenarioYaml(fs.readFileSync(file, 'utf8')));
}

function parseGeneratorOptions(text: string): LargeClusterOptions {
  const options: Record<string, string | number> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [key, value] = part.split('=');
    options[key.trim()] = /^\d+$/.test(value) ? Number(value) : value;
  }
  return options as unknown as LargeClusterOptions;
}
