import {
  Command,
  CommanderError,
  InvalidArgumentError,
  Option,
} from 'commander';
import { stringify } from 'yaml';
import type {
  ClusterProblem,
  NodeSortKey,
  SubnetUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { describeForLog } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { collectCluster, Collected } from './collect';
import { NODE_SORT_KEYS, nodeRows, renderNodes } from './commands/nodes';
import { renderReport } from './commands/report';
import { renderService, serviceUsage } from './commands/service';
import { clusterSubnets, renderSubnets } from './commands/subnets';
import {
  CollectionError,
  EXIT_BELOW_THRESHOLD,
  EXIT_NOT_COLLECTED,
  EXIT_OK,
} from './errors';
import { makeProgress } from './progress';
import { plural } from './render/format';
import { version } from '../package.json';
import { colorWanted, makeStyle, Style } from './render/style';

/** Where a run writes, and what it runs in: the process's, or a test's. */
export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

type OutputFormat = 'text' | 'json' | 'yaml';

/** The options every command takes. */
interface CommonOptions {
  cluster?: string;
  context?: string;
  kubeconfig?: string;
  region?: string;
  profile?: string;
  output: OutputFormat;
  color: boolean;
  failBelowFreeBlocks?: number;
  pageSize: number;
  requestTimeout: number;
  progress?: boolean;
}

/** What a command prints, and which subnets its threshold looks at. */
interface CommandResult {
  /** The REST API's shape for `--output json|yaml`. */
  value: unknown;
  /** The text view. */
  text: (style: Style) => string[];
  /** Subnets `--fail-below-free-blocks` applies to. */
  subnets: SubnetUsage[];
}

const NAME = 'pod-ip-capacity';

function positiveInteger(max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw new InvalidArgumentError(`a whole number from 1 to ${max}`);
    }
    return n;
  };
}

function nonNegativeInteger(value: string) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidArgumentError('a whole number, 0 or more');
  }
  return n;
}

function addCommonOptions(command: Command): Command {
  return command
    .option(
      '--cluster <name>',
      'the EKS cluster: picks the kubeconfig context for it (by context name, cluster name, the ARN’s cluster/NAME or the exec plugin’s --cluster-name); default: the current context',
    )
    .option('--context <name>', 'the kubeconfig context to use')
    .option(
      '--kubeconfig <file>',
      'the kubeconfig (default: KUBECONFIG, else ~/.kube/config)',
    )
    .option(
      '--region <region>',
      'the AWS region (default: the kubeconfig’s EKS ARN or exec plugin, the nodes’ topology labels, then AWS_REGION or the profile)',
    )
    .option(
      '--profile <name>',
      'an AWS profile of ~/.aws/config (default: the SDK’s default credential chain)',
    )
    .addOption(
      new Option('-o, --output <format>', 'what to print')
        .choices(['text', 'json', 'yaml'])
        .default('text'),
    )
    .option('--no-color', 'never colour the output (also: NO_COLOR)')
    .option(
      '--fail-below-free-blocks <n>',
      'exit with 1 when a subnet of the view has fewer free /28 blocks than this (for CI)',
      nonNegativeInteger,
    )
    .option(
      '--page-size <n>',
      'items per Kubernetes list page',
      positiveInteger(5000),
      500,
    )
    .option(
      '--request-timeout <seconds>',
      'limit for each Kubernetes and AWS request',
      positiveInteger(600),
      30,
    )
    .option(
      '--progress',
      'print progress of long lists on stderr also when it is not a terminal',
    )
    .option('--no-progress', 'never print progress');
}

/** `--fail-below-free-blocks`: the subnets below the threshold. */
function belowThreshold(
  subnets: SubnetUsage[],
  threshold: number | undefined,
): SubnetUsage[] {
  if (threshold === undefined) return [];
  return subnets.filter(s => s.freePrefixBlocks < threshold);
}

function warn(io: CliIo, problem: ClusterProblem) {
  io.stderr.write(`${NAME}: warning: ${problem.message}\n`);
}

/**
 * Runs one command line; resolves to the exit code: 0 printed, 1 printed but
 * a subnet is below `--fail-below-free-blocks`, 2 nothing could be collected
 * (or the command line is wrong). Never throws.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command(NAME)
    .description(
      'How much pod IP room an EKS cluster has left: the per-ENI report of its /28 prefixes, its subnets’ free /28 blocks, its nodes and services. Reads a kubeconfig and your AWS credentials; computed by the Pod IP Capacity engine.',
    )
    .version(version, '-V, --version')
    .showHelpAfterError()
    .configureOutput({
      writeOut: text => io.stdout.write(text),
      writeErr: text => io.stderr.write(text),
    })
    .exitOverride();

  const execute = async (
    options: CommonOptions,
    view: (collected: Collected) => CommandResult,
  ) => {
    const progress = makeProgress({
      stream: io.stderr,
      ...(options.progress !== undefined ? { wanted: options.progress } : {}),
    });
    const collected = await collectCluster({
      ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
      ...(options.context ? { context: options.context } : {}),
      ...(options.cluster ? { cluster: options.cluster } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
      pageSize: options.pageSize,
      requestTimeoutMs: options.requestTimeout * 1000,
      env: io.env,
      progress,
    });
    progress.done();
    for (const problem of collected.problems) warn(io, problem);
    const result = view(collected);
    if (options.output === 'json') {
      io.stdout.write(`${JSON.stringify(result.value, null, 2)}\n`);
    } else if (options.output === 'yaml') {
      io.stdout.write(stringify(result.value));
    } else {
      const style = makeStyle(
        colorWanted({
          color: options.color,
          isTTY: io.stdout.isTTY,
          env: io.env,
        }),
      );
      io.stdout.write(`${result.text(style).join('\n')}\n`);
    }
    const below = belowThreshold(result.subnets, options.failBelowFreeBlocks);
    if (below.length > 0) {
      io.stderr.write(
        `${NAME}: ${plural(
          below.length,
          'subnet has',
          'subnets have',
        )} fewer than ${plural(
          options.failBelowFreeBlocks!,
          'free /28 block',
        )}: ${below
          .map(s => `${s.subnetId} ${s.cidr} (${s.freePrefixBlocks} free)`)
          .join(', ')}\n`,
      );
      exitCode = EXIT_BELOW_THRESHOLD;
    }
  };

  addCommonOptions(
    program
      .command('report')
      .description(
        'the per-ENI report: per node and ENI each /28 prefix with its assigned pod IPs and what is available, secondary-IP ENIs too, and where it differs from the classic script',
      ),
  ).action((options: CommonOptions) =>
    execute(options, collected => ({
      value: collected.capacity,
      text: style => renderReport(collected, style),
      subnets: collected.capacity.subnets,
    })),
  );

  addCommonOptions(
    program
      .command('subnets')
      .description(
        'per subnet: usable and available addresses, free /28 blocks, status, and its block map',
      )
      .option('--subnet <id-or-cidr>', 'only this subnet')
      .option('--no-map', 'leave out the block maps'),
  ).action((options: CommonOptions & { subnet?: string; map: boolean }) =>
    execute(options, collected => {
      const subnets = clusterSubnets(collected, options.subnet);
      return {
        value: subnets,
        text: style =>
          renderSubnets(collected, subnets, style, { map: options.map }),
        subnets: subnets.map(s => s.subnet),
      };
    }),
  );

  addCommonOptions(
    program
      .command('nodes')
      .description(
        'the nodes table of the portal: mode, prefixes, pod IPs used and held, how many more pods fit',
      )
      .addOption(
        new Option('--sort <column>', 'sort by')
          .choices(NODE_SORT_KEYS)
          .default('name'),
      )
      .addOption(
        new Option('--order <order>', 'sort order')
          .choices(['asc', 'desc'])
          .default('asc'),
      )
      .option(
        '--query <text>',
        'only nodes whose name, instance, type, node group, zone, mode or pod subnet contains this',
      ),
  ).action(
    (
      options: CommonOptions & {
        sort: NodeSortKey;
        order: 'asc' | 'desc';
        query?: string;
      },
    ) =>
      execute(options, collected => {
        const rows = nodeRows(collected, options);
        const names = new Set(rows.map(r => r.name));
        return {
          value: rows,
          text: style => renderNodes(collected, rows, style),
          subnets: collected.capacity.subnets.filter(s =>
            collected.capacity.nodes.some(
              n =>
                names.has(n.name) &&
                n.networkInterfaces.some(e => e.subnetId === s.subnetId),
            ),
          ),
        };
      }),
  );

  addCommonOptions(
    program
      .command('service')
      .argument(
        '[kubernetes-id]',
        'the value of the pods’ backstage.io/kubernetes-id label',
      )
      .description(
        'a service’s tab of the portal: how many more replicas can get a pod IP, its pods, subnets and nodes',
      )
      .option(
        '--selector <label-selector>',
        'select pods by this label selector instead (the backstage.io/kubernetes-label-selector annotation)',
      )
      .option('--namespace <namespace>', 'only pods in this namespace'),
  ).action(
    async (
      kubernetesId: string | undefined,
      options: CommonOptions & { selector?: string; namespace?: string },
    ) => {
      if (!kubernetesId && !options.selector) {
        throw new CommanderError(
          EXIT_NOT_COLLECTED,
          'service.missingId',
          'error: name the service: pod-ip-capacity service <kubernetes-id> (or --selector)',
        );
      }
      await execute(options, collected => {
        const usage = serviceUsage(collected, {
          ...(kubernetesId ? { kubernetesId } : {}),
          ...(options.selector ? { labelSelector: options.selector } : {}),
          ...(options.namespace ? { namespace: options.namespace } : {}),
        });
        return {
          value: usage,
          text: style => renderService(collected, usage, style),
          subnets: usage.subnets.map(s => s.subnet),
        };
      });
    },
  );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_OK;
      if (error.code === 'service.missingId') {
        io.stderr.write(`${error.message}\n`);
      }
      return EXIT_NOT_COLLECTED;
    }
    if (error instanceof CollectionError) {
      for (const problem of error.problems) {
        io.stderr.write(`${NAME}: ${problem.message}\n`);
      }
      return EXIT_NOT_COLLECTED;
    }
    io.stderr.write(`${NAME}: failed unexpectedly: ${describeForLog(error)}\n`);
    return EXIT_NOT_COLLECTED;
  }
}
