import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import { SubnetUsage } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { fmt } from './format';

/** The block states of `SubnetUsage.blockMap`, one character per aligned /28. */
type BlockState = 'r' | 'a' | 'x' | 'u' | '.' | 'p';

const STATES: BlockState[] = ['.', 'p', 'a', 'x', 'r', 'u'];

const LABEL: Record<BlockState, string> = {
  '.': 'free',
  p: 'free, in a prefix reservation',
  a: 'node prefix',
  x: 'fragmented (secondary IPs, node or foreign ENI addresses)',
  r: 'reserved by AWS',
  u: 'unavailable (explicit reservation)',
};

function colours(theme: Theme): Record<BlockState, string> {
  return {
    '.': theme.palette.success.main,
    p: theme.palette.success.light,
    a: theme.palette.info.main,
    x: theme.palette.warning.main,
    r: theme.palette.text.disabled,
    u: theme.palette.grey[600],
  };
}

/** Cells drawn at most: bigger subnets draw one cell per group of blocks. */
const MAX_CELLS = 1024;
const COLUMNS = 32;
const GAP = 2;

/** Small subnets get big squares: a /24's 16 blocks stay readable. */
function cellSize(cells: number): number {
  if (cells <= 32) return 28;
  if (cells <= 256) return 18;
  return 12;
}

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 2,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
}));

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function numberToIpv4(n: number): string {
  return [24, 16, 8, 0]
    .map(shift => Math.floor(n / 2 ** shift) % 256)
    .join('.');
}

/** The state shown for a group of blocks: the most common one in it. */
function dominantState(group: string): BlockState {
  const counts = new Map<string, number>();
  for (const c of group) counts.set(c, (counts.get(c) ?? 0) + 1);
  let best = group[0];
  let bestCount = 0;
  for (const [c, n] of counts) {
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best as BlockState;
}

/**
 * A picture of a subnet's aligned /28 blocks, in address order, left to
 * right and top to bottom: free blocks are where new prefixes can go, so
 * fragmentation is seen rather than read. Renders the engine's `blockMap`
 * as it is; subnets above 1024 blocks draw each cell for a group of blocks
 * in its most common state.
 */
export const SubnetMap = (props: { subnet: SubnetUsage }) => {
  const { subnet } = props;
  const theme = useTheme();
  const classes = useStyles();
  const fill = colours(theme);
  const map = subnet.blockMap;
  if (!map) {
    return (
      <Typography variant="body2" color="textSecondary">
        No block map: the subnet is too large to draw.
      </Typography>
    );
  }
  const perCell = Math.max(1, Math.ceil(map.length / MAX_CELLS));
  const cells: BlockState[] = [];
  for (let i = 0; i < map.length; i += perCell) {
    cells.push(
      perCell === 1
        ? (map[i] as BlockState)
        : dominantState(map.slice(i, i + perCell)),
    );
  }
  const columns = Math.min(COLUMNS, cells.length);
  const CELL = cellSize(cells.length);
  const rows = Math.ceil(cells.length / columns);
  const width = columns * (CELL + GAP) - GAP;
  const height = rows * (CELL + GAP) - GAP;
  const base = ipv4ToNumber(subnet.cidr.split('/')[0]);
  const counts: Record<BlockState, number> = {
    '.': subnet.blocks.free - subnet.blocks.freeInPrefixReservation,
    p: subnet.blocks.freeInPrefixReservation,
    a: subnet.blocks.allocated,
    x: subnet.blocks.fragmented,
    r: subnet.blocks.reserved,
    u: subnet.blocks.unavailable,
  };
  const b = subnet.blocks;
  const label = `Subnet map of ${subnet.cidr}: ${fmt(
    b.total,
  )} /28 blocks, ${fmt(b.free)} free, ${fmt(b.allocated)} node prefixes, ${fmt(
    b.fragmented,
  )} fragmented, ${fmt(b.reserved)} reserved, ${fmt(
    b.unavailable,
  )} unavailable`;

  return (
    <Box data-testid={`subnet-map-${subnet.subnetId}`}>
      <svg
        role="img"
        aria-label={label}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        style={{ maxWidth: '100%', height: 'auto' }}
      >
        {cells.map((state, i) => {
          const first = base + i * perCell * 16;
          const title =
            perCell === 1
              ? `${numberToIpv4(first)}/28: ${LABEL[state]}`
              : `${numberToIpv4(first)} + ${perCell} blocks: mostly ${
                  LABEL[state]
                }`;
          return (
            <rect
              key={i}
              data-state={state}
              x={(i % columns) * (CELL + GAP)}
              y={Math.floor(i / columns) * (CELL + GAP)}
              width={CELL}
              height={CELL}
              rx={CELL > 12 ? 3 : 2}
              fill={fill[state]}
            >
              <title>{title}</title>
            </rect>
          );
        })}
      </svg>
      {perCell > 1 && (
        <Typography variant="caption" color="textSecondary" component="div">
          One square per {fmt(perCell)} blocks ({fmt(perCell * 16)} addresses),
          in its most common state.
        </Typography>
      )}
      <div className={classes.legend}>
        {STATES.filter(s => s !== 'p' || counts.p > 0)
          .filter(s => s !== 'u' || counts.u > 0)
          .map(state => (
            <Typography key={state} variant="caption" component="span">
              <span
                className={classes.swatch}
                style={{ backgroundColor: fill[state] }}
              />
              {LABEL[state]}: {fmt(counts[state])}
            </Typography>
          ))}
      </div>
    </Box>
  );
};
