/**
 * The `pod-ip-capacity` command: the per-ENI report, subnets, nodes and
 * services of one EKS cluster, from a kubeconfig and AWS credentials.
 *
 * @packageDocumentation
 */

import { CliIo, run } from './program';

export type { CliIo };
export { run };

/** Runs the command line of this process and sets its exit code. */
export async function main(argv: string[]): Promise<void> {
  process.exitCode = await run(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
}
