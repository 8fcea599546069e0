import { CodeSnippet } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  ProtectFreeRangesFix,
  ReplaceNodesFix,
  SecondaryCidrFix,
  SubnetFix,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { podIpCapacityApiRef } from '../../api';
import { useLoad } from './useLoad';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Copyable text: a command, a script or a manifest, with a copy button. */
const Copyable = (props: { text: string; language?: string }) => (
  <Box my={1}>
    <CodeSnippet
      text={props.text}
      language={props.language ?? 'bash'}
      showCopyCodeButton
    />
  </Box>
);

const Notes = (props: { notes: string[] }) =>
  props.notes.length > 0 ? (
    <>
      {props.notes.map(note => (
        <Typography key={note} variant="body2" color="textSecondary">
          {note}
        </Typography>
      ))}
    </>
  ) : null;

const ProtectRanges = ({ fix }: { fix: ProtectFreeRangesFix }) => (
  <Box mb={2}>
    <Typography variant="subtitle2">
      Reserve the free aligned ranges for /28 prefixes
    </Typography>
    <Typography variant="body2">
      A <code>prefix</code> CIDR reservation keeps single IPs out of a range, so
      EC2 hands out whole /28 prefixes from it.{' '}
      {plural(fix.unprotectedFreeBlocks, 'free /28 block')} unprotected
      {fix.alreadyProtectedBlocks > 0
        ? `, ${plural(fix.alreadyProtectedBlocks, 'block')} already reserved`
        : ''}
      {fix.totalRanges > fix.ranges.length
        ? `; the largest ${fix.ranges.length} of ${fix.totalRanges} ranges`
        : ''}
      .
    </Typography>
    {fix.ranges.map(range => (
      <Box key={range.cidr} data-testid={`fix-range-${range.cidr}`}>
        <Typography variant="body2">
          <code>{range.cidr}</code>: {plural(range.blocks, '/28 block')} (
          {plural(range.addresses, 'address', 'addresses')})
        </Typography>
        <Copyable text={range.command} />
      </Box>
    ))}
    <Notes notes={fix.notes} />
  </Box>
);

const SecondaryCidr = ({ fix }: { fix: SecondaryCidrFix }) => (
  <Box mb={2}>
    <Typography variant="subtitle2">
      Add the secondary VPC CIDR {fix.vpcCidr} and give pods their own subnets
    </Typography>
    <Table size="small" aria-label={`Pod subnets of ${fix.vpcCidr}`}>
      <TableHead>
        <TableRow>
          <TableCell>Zone</TableCell>
          <TableCell>CIDR</TableCell>
          <TableCell align="right">Usable</TableCell>
          <TableCell align="right">Free /28 blocks</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {fix.subnets.map(s => (
          <TableRow key={s.cidr}>
            <TableCell>{s.availabilityZone}</TableCell>
            <TableCell>
              <code>{s.cidr}</code>
            </TableCell>
            <TableCell align="right">
              {s.usable.toLocaleString('en-US')}
            </TableCell>
            <TableCell align="right">
              {s.freePrefixBlocks.toLocaleString('en-US')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
    <Typography variant="body2">Every step, as one script:</Typography>
    <Copyable text={fix.script} />
    {fix.nodeClassSnippet && (
      <>
        <Typography variant="body2">
          Auto Mode: add under the NodeClass&apos;s <code>spec</code>:
        </Typography>
        <Copyable text={fix.nodeClassSnippet} language="yaml" />
      </>
    )}
    {fix.subnets
      .filter(s => s.eniConfigYaml)
      .map(s => (
        <Box key={`eni-${s.availabilityZone}`}>
          <Typography variant="body2">
            ENIConfig for {s.availabilityZone}:
          </Typography>
          <Copyable text={s.eniConfigYaml!} language="yaml" />
        </Box>
      ))}
    {fix.placeholders.length > 0 && (
      <Typography variant="body2" color="textSecondary">
        Fill in: {fix.placeholders.join(', ')}.
      </Typography>
    )}
    <Notes notes={fix.notes} />
  </Box>
);

const ReplaceNodes = ({ fix }: { fix: ReplaceNodesFix }) => (
  <Box mb={2}>
    <Typography variant="subtitle2">
      Replace the nodes that fragment it, most /28 blocks freed first
    </Typography>
    <Typography variant="body2">
      {plural(fix.fragmentedBlocks, 'fragmented block')}
      {fix.pinnedBlocks > 0
        ? `, ${plural(
            fix.pinnedBlocks,
            'block',
          )} pinned by ENIs that are no node's`
        : ''}
      ; replacing every node would leave at most{' '}
      {plural(fix.freeBlocksIfAllReplaced, 'free block')}.
    </Typography>
    <Table size="small" aria-label="Nodes to replace">
      <TableHead>
        <TableRow>
          <TableCell>Node</TableCell>
          <TableCell>Node group</TableCell>
          <TableCell align="right">Blocks freed</TableCell>
          <TableCell align="right">Pods to move</TableCell>
          <TableCell>How</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {fix.nodes.map(node => (
          <TableRow key={node.nodeName}>
            <TableCell>
              <code>{node.nodeName}</code>
            </TableCell>
            <TableCell>{node.nodeGroup ?? '–'}</TableCell>
            <TableCell align="right">{node.blocksFreed}</TableCell>
            <TableCell align="right">{node.podsWithVpcIp}</TableCell>
            <TableCell>
              <Copyable text={node.commands.join('\n')} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
    <Notes notes={fix.notes} />
  </Box>
);

const FixView = ({ fix }: { fix: SubnetFix }) => {
  switch (fix.kind) {
    case 'protect-free-ranges':
      return <ProtectRanges fix={fix} />;
    case 'add-secondary-vpc-cidr':
      return <SecondaryCidr fix={fix} />;
    case 'replace-fragmenting-nodes':
      return <ReplaceNodes fix={fix} />;
    default:
      return null;
  }
};

/**
 * A subnet's ready-made fixes (`GET /clusters/{name}/fixes?subnet=…`), each
 * command, script and manifest with a copy button. Renders nothing for a
 * subnet without fixes, while loading, or when the API has none.
 */
export const SubnetFixes = (props: { cluster: string; subnetId: string }) => {
  const api = useApi(podIpCapacityApiRef);
  const { cluster, subnetId } = props;
  const { value, error } = useLoad(
    async () =>
      api.getClusterFixes
        ? api.getClusterFixes(cluster, subnetId)
        : { subnets: [] },
    [api, cluster, subnetId],
  );
  const fixes = value?.subnets.find(s => s.subnetId === subnetId)?.fixes ?? [];
  if (error) {
    return (
      <Typography variant="body2" color="textSecondary">
        The ready-made fixes could not be loaded.
      </Typography>
    );
  }
  if (fixes.length === 0) return null;
  return (
    <Box mt={2} data-testid={`subnet-fixes-${subnetId}`}>
      <Typography variant="h6">Ready-made fixes</Typography>
      {fixes.map(fix => (
        <FixView key={fix.kind} fix={fix} />
      ))}
    </Box>
  );
};
