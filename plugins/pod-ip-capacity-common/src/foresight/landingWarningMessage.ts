import { LandingSubnet, LandingWarning, NodeLanding } from './types';
import { count, groupWords, plural } from './words';

/** The snapshot's figures of a subnet the landing names, if it names it. */
function figuresOf(
  landing: NodeLanding,
  subnetId: string,
): LandingSubnet | undefined {
  return [landing.nodeSubnet, landing.podSubnet, ...landing.candidates].find(
    s => s?.subnetId === subnetId && s.available !== undefined,
  ) as LandingSubnet | undefined;
}

function whatFails(warning: LandingWarning): string {
  const error = warning.error;
  switch (warning.request) {
    case 'prefix':
      return `its first prefix will fail with ${error}${
        warning.fallsBackToSecondaryIps
          ? '; EKS Auto Mode then gives its pods single /32 addresses, which fragment the subnet further'
          : ''
      }`;
    case 'node-ip':
      return `the node will not launch: no free address is left for it (${error})`;
    case 'pod-eni':
      return `the ENI for its pods will get no address (${error})`;
    default:
      return `its ${plural(warning.needed, 'warm IP')} will not fit (${error})`;
  }
}

/** Why the subnet that would work is not the one chosen, per kind of landing. */
const PICKER: Partial<Record<string, string>> = {
  karpenter: ', but Karpenter picks the subnet with the most free IPs',
  'auto-mode': ', but EKS Auto Mode picks the subnet with the most free IPs',
};

/**
 * A landing warning in words (how-pod-ips-are-counted.md §7), e.g. "The
 * next node of pool general-purpose in us-west-2b lands in subnet-b1
 * (1,856 free IPs, 0 free /28 blocks): its first prefix will fail with
 * InsufficientCidrBlocks. subnet-b2 (14 free /28 blocks) would work, but
 * Karpenter picks the subnet with the most free IPs." The figures are the
 * snapshot's (before the node takes its own address).
 *
 * @public
 */
export function landingWarningMessage(
  landing: NodeLanding,
  warning: LandingWarning,
): string {
  const group = groupWords(landing.kind, landing.nodeGroup);
  const nodeSubnetIds = new Set(
    [landing.nodeSubnet, ...landing.candidates].flatMap(s =>
      s ? [s.subnetId] : [],
    ),
  );
  const shown = figuresOf(landing, warning.subnetId);
  const figures = `${plural(
    shown?.available ?? warning.available,
    'free IP',
  )}, ${plural(
    shown?.freePrefixBlocks ?? warning.freePrefixBlocks,
    'free /28 block',
  )}`;
  const verb = landing.nodeSubnet ? 'lands in' : 'may land in';
  const where =
    nodeSubnetIds.has(warning.subnetId) || !landing.nodeSubnet
      ? `${verb} ${warning.subnetId} (${figures})`
      : `${verb} ${landing.nodeSubnet.subnetId} and takes its pods' IPs from ${warning.subnetId} (${figures})`;
  let text = `The next node of ${group} in ${
    landing.zone
  } ${where}: ${whatFails(warning)}.`;
  if (warning.workingSubnetId) {
    const working = figuresOf(landing, warning.workingSubnetId);
    let free = '';
    if (
      working?.freePrefixBlocks !== undefined &&
      warning.request === 'prefix'
    ) {
      free = ` (${plural(working.freePrefixBlocks, 'free /28 block')})`;
    } else if (working?.available !== undefined) {
      free = ` (${count(working.available)} free IPs)`;
    }
    const picker = PICKER[landing.kind] ?? '';
    text += ` ${warning.workingSubnetId}${free} would work${picker}.`;
  } else {
    text += ` No other subnet of the ${group} in ${landing.zone} would.`;
  }
  return text;
}
