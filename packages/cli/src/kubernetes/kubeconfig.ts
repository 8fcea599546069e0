import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context, KubeConfig, User } from '@kubernetes/client-node';
import { configProblem } from '../errors';

/** The kubeconfig context a command runs against, and what it says. */
export interface KubeTarget {
  kubeConfig: KubeConfig;
  /** The files it was read from, for messages. */
  files: string[];
  contextName: string;
  /** The EKS cluster's name: `--cluster`, else read from the context. */
  clusterName: string;
  /** The API server URL. */
  server: string;
  userName: string;
  /** The exec credential plugin's command (`aws`), when there is one. */
  execCommand?: string;
  /** The region the kubeconfig names (an EKS ARN, `--region` of the exec plugin, eksctl's name). */
  region?: string;
  /** The account an EKS ARN names. */
  accountId?: string;
}

/**
 * `@kubernetes/client-node` 1.x is ESM only: loaded at run time, as
 * Backstage's Kubernetes backend does, so this package stays CommonJS.
 */
export function loadKubernetesClient(): Promise<
  typeof import('@kubernetes/client-node')
> {
  return import('@kubernetes/client-node');
}

/** `arn:aws:eks:us-west-2:111122223333:cluster/prod` → its parts. */
export function parseEksArn(
  value: string | undefined,
): { region: string; accountId: string; name: string } | undefined {
  const match = value?.match(
    /^arn:aws[\w-]*:eks:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):cluster\/(.+)$/,
  );
  return match
    ? { region: match[1], accountId: match[2], name: match[3] }
    : undefined;
}

/** eksctl's cluster entries: `prod.us-west-2.eksctl.io`. */
function parseEksctlName(
  value: string | undefined,
): { region: string; name: string } | undefined {
  const match = value?.match(/^(.+)\.([a-z]{2}(?:-[a-z]+)+-\d+)\.eksctl\.io$/);
  return match ? { name: match[1], region: match[2] } : undefined;
}

/** The value after a flag in an exec plugin's args (`--cluster-name x`, `--cluster-name=x`). */
function flagValue(
  args: string[] | undefined,
  flags: string[],
): string | undefined {
  if (!args) return undefined;
  for (let i = 0; i < args.length; i++) {
    for (const flag of flags) {
      if (args[i] === flag && i + 1 < args.length) return args[i + 1];
      if (args[i].startsWith(`${flag}=`)) return args[i].slice(flag.length + 1);
    }
  }
  return undefined;
}

interface ExecConfig {
  command?: string;
  args?: string[];
  env?: Array<{ name: string; value: string }>;
}

function execOf(user: User | null | undefined): ExecConfig | undefined {
  return (user?.exec ?? user?.authProvider?.config?.exec) as
    | ExecConfig
    | undefined;
}

/** What a context says about the EKS cluster behind it. */
function describeContext(kc: KubeConfig, context: Context) {
  const exec = execOf(kc.getUser(context.user));
  const arn = parseEksArn(context.cluster) ?? parseEksArn(context.name);
  const eksctl = parseEksctlName(context.cluster);
  const execName = flagValue(exec?.args, [
    '--cluster-name',
    '--cluster-id',
    '-i',
  ]);
  const execRegion =
    flagValue(exec?.args, ['--region']) ??
    exec?.env?.find(e => e.name === 'AWS_REGION')?.value ??
    exec?.env?.find(e => e.name === 'AWS_DEFAULT_REGION')?.value;
  return {
    names: new Set(
      [context.name, context.cluster, arn?.name, eksctl?.name, execName].filter(
        (n): n is string => !!n,
      ),
    ),
    clusterName: execName ?? arn?.name ?? eksctl?.name ?? context.cluster,
    region: arn?.region ?? execRegion ?? eksctl?.region,
    accountId: arn?.accountId,
    execCommand: exec?.command,
  };
}

/** Which kubeconfig files to read: `--kubeconfig`, `KUBECONFIG`, `~/.kube/config`. */
function kubeconfigFiles(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv,
): string[] {
  if (explicit) return [explicit];
  const fromEnv = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
  if (fromEnv.length > 0) return fromEnv;
  const home = env.HOME || env.USERPROFILE || os.homedir();
  return [path.join(home, '.kube', 'config')];
}

/**
 * Reads the kubeconfig and picks the context: `--context` by name, else the
 * one whose cluster is `--cluster` (by context name, cluster entry name, an
 * EKS ARN's `cluster/NAME`, eksctl's `NAME.REGION.eksctl.io`, or the exec
 * plugin's `--cluster-name`), else the current context. Authentication is
 * the library's: tokens, client certificates, exec plugins such as
 * `aws eks get-token`, auth providers.
 */
export async function loadKubeTarget(options: {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  env: NodeJS.ProcessEnv;
}): Promise<KubeTarget> {
  const { KubeConfig } = await loadKubernetesClient();
  const files = kubeconfigFiles(options.kubeconfig, options.env);
  const present = files.filter(f => fs.existsSync(f));
  if (present.length === 0) {
    throw configProblem(
      'NoKubeconfig',
      `No kubeconfig at ${files.join(
        ', ',
      )}. Pass --kubeconfig FILE or set KUBECONFIG; for EKS, \`aws eks update-kubeconfig --name CLUSTER --region REGION\` writes one.`,
    );
  }
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(present[0]);
    for (const file of present.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(file);
      kc.mergeConfig(more);
    }
  } catch {
    throw configProblem(
      'BadKubeconfig',
      `The kubeconfig ${present.join(
        ', ',
      )} could not be read as a kubeconfig (YAML with clusters, users and contexts).`,
    );
  }
  const contexts = kc.getContexts();
  const listed = () =>
    contexts.length === 0
      ? 'It has no contexts.'
      : `Its contexts: ${contexts
          .slice(0, 10)
          .map(c => c.name)
          .join(', ')}${contexts.length > 10 ? ', …' : ''}.`;

  let context: Context | undefined;
  if (options.context) {
    context = contexts.find(c => c.name === options.context);
    if (!context) {
      throw configProblem(
        'NoSuchContext',
        `The kubeconfig has no context named ${options.context}. ${listed()}`,
      );
    }
  } else if (options.cluster) {
    const wanted = options.cluster;
    const byName = contexts.find(c => c.name === wanted);
    const matching = contexts.filter(c =>
      describeContext(kc, c).names.has(wanted),
    );
    context =
      byName ??
      (matching.length === 1
        ? matching[0]
        : matching.find(c => c.name === kc.getCurrentContext()));
    if (!context && matching.length > 1) {
      throw configProblem(
        'AmbiguousCluster',
        `Several kubeconfig contexts are for cluster ${wanted} (${matching
          .map(c => c.name)
          .join(', ')}): pass --context to pick one.`,
      );
    }
    if (!context) {
      throw configProblem(
        'NoContextForCluster',
        `No kubeconfig context is for cluster ${wanted}. ${listed()} Add one with \`aws eks update-kubeconfig --name ${wanted} --region REGION\`, or pass --context.`,
      );
    }
  } else {
    const current = kc.getCurrentContext();
    context = contexts.find(c => c.name === current);
    if (!context) {
      throw configProblem(
        'NoCurrentContext',
        `The kubeconfig has no current context. Pass --cluster NAME or --context NAME. ${listed()}`,
      );
    }
  }
  kc.setCurrentContext(context.name);
  const cluster = kc.getCluster(context.cluster);
  const user = kc.getUser(context.user);
  if (!cluster?.server) {
    throw configProblem(
      'NoClusterInContext',
      `The kubeconfig context ${context.name} names cluster ${context.cluster}, which the kubeconfig does not define (or defines without a server).`,
    );
  }
  const described = describeContext(kc, context);
  return {
    kubeConfig: kc,
    files: present,
    contextName: context.name,
    clusterName: options.cluster ?? described.clusterName,
    server: cluster.server,
    userName: user?.name ?? context.user,
    ...(described.execCommand ? { execCommand: described.execCommand } : {}),
    ...(described.region ? { region: described.region } : {}),
    ...(described.accountId ? { accountId: described.accountId } : {}),
  };
}
