/** A scenario that contradicts itself or EC2's rules; lists every problem found. */
export class ScenarioError extends Error {
  constructor(readonly scenario: string, readonly problems: string[]) {
    super(
      `Scenario '${scenario}' is invalid:\n${problems
        .slice(0, 50)
        .map(p => `  - ${p}`)
        .join('\n')}${
        problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''
      }`,
    );
    this.name = 'ScenarioError';
  }
}
