import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

/**
 * One meaning per word, everywhere in the plugin: what each term counts.
 * Shown as tooltips on the words and on the column headers that use them.
 */
export const GLOSSARY = {
  held: "Held: addresses a node's ENIs hold for pods — 16 per /28 prefix, plus single secondary IPs — whether a pod uses them or not.",
  used: 'Used: held addresses a running pod has as its IP.',
  idle: 'Idle: held but not used by any pod: the cost of whole /28 prefixes and of the VPC CNI’s warm targets. Other nodes cannot use them.',
  taken:
    'Taken: addresses of the subnet EC2 no longer hands out (usable − free): whole /28 prefixes (16 each, used by pods or not), secondary IPs, ENI primary IPs and other services’ ENIs.',
  freeIps:
    "Free IPs: EC2's AvailableIpAddressCount — single addresses that are unused. They may be scattered, so they are not room for /28 prefixes.",
  freeBlock:
    'Free /28 block: an aligned block of 16 addresses none of which is in use. A prefix-mode node needs one for every new prefix; each is 16 addresses a prefix could use.',
  fragmented:
    'Fragmented: plenty of free IPs, but few or no free /28 blocks, because single addresses are scattered over them. Prefix-mode nodes fail to add a prefix (InsufficientCidrBlocks); nodes using single secondary IPs still get addresses.',
  prefixMode:
    'Prefix mode: every ENI address slot holds a whole /28 prefix (16 pod IPs). Needs free /28 blocks in the subnet.',
  secondaryIpMode:
    'Secondary-IP mode: every ENI address slot holds one pod IP. Works as long as the subnet has free IPs, scattered or not.',
  autoMode:
    'EKS Auto Mode: AWS-managed nodes that take /28 prefixes and fall back to single secondary IPs when the subnet has no free /28 block. Max pods is at most 110.',
  customNetworking:
    "Custom networking: pods get IPs from the nodes' secondary ENIs in separate pod subnets (often 100.64.0.0/10), not from the node's own subnet.",
  trunkEni:
    'Trunk ENI: the ENI security groups for pods attach to a node; it holds no pod IPs itself.',
  branchEni:
    "Branch ENI: a pod's own ENI under security groups for pods; the pod's IP is outside its node's prefixes and counts on the branch ENI's subnet.",
  podSubnet:
    'Pod subnets: the subnets pods take their IPs from. Under custom networking these are not the subnets the nodes themselves sit in.',
  moreReplicas:
    'More replicas or pods: how many more pods can get a VPC IP before the pod limit, the instance’s ENI slots or the subnet’s free /28 blocks stop them. CPU and memory are not part of this number.',
  sharedRoom:
    'Services on the same nodes, or drawing pod IPs from the same subnet, compete for the same room: it is counted once, never added up.',
  notAttributed:
    "Not attributed to a team: a team is charged its pods' IPs and the idle addresses of nodes where every pod with a VPC IP is the team's. Idle addresses of nodes that several teams share, and pods no team owns, are charged to no team. Teams plus not attributed add up to what the nodes hold.",
  teamHeld:
    "Charged to the team, in whole addresses: its pods' IPs (one each) and the idle addresses of nodes where every pod with a VPC IP is the team's.",
} as const;

export type GlossaryTerm = keyof typeof GLOSSARY;

const useStyles = makeStyles(theme => ({
  term: {
    textDecoration: 'underline dotted',
    textUnderlineOffset: '3px',
    cursor: 'help',
    borderRadius: 2,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

/**
 * Text with an explanation as a tooltip, on hover and on keyboard focus.
 */
export const Explained = (props: {
  title: string;
  children: ReactNode;
  /** Reachable with the tab key (default); off where a parent takes the focus. */
  focusable?: boolean;
}) => {
  const classes = useStyles();
  return (
    <Tooltip title={props.title}>
      <span
        className={classes.term}
        // Focusable so that keyboard users can read the explanation too.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={props.focusable === false ? undefined : 0}
      >
        {props.children}
      </span>
    </Tooltip>
  );
};

/** A word of the glossary with its explanation as a tooltip. */
export const Term = (props: {
  term: GlossaryTerm;
  children: ReactNode;
  focusable?: boolean;
}) => (
  <Explained title={GLOSSARY[props.term]} focusable={props.focusable}>
    {props.children}
  </Explained>
);
