import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { fmt } from './format';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 8,
    minWidth: 80,
    borderRadius: 4,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.selected,
  },
  held: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
    backgroundColor: theme.palette.primary.light,
    opacity: 0.5,
  },
  used: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
    backgroundColor: theme.palette.primary.main,
  },
  warn: { backgroundColor: theme.palette.warning.main },
  error: { backgroundColor: theme.palette.error.main },
}));

const pct = (n: number, of: number) =>
  of > 0 ? Math.min(100, Math.max(0, (100 * n) / of)) : 0;

/**
 * A bar of addresses: `used` of `total`, with `held` (used plus idle) as a
 * lighter band when given. Numbers come from the API, unchanged.
 */
export const UsageBar = (props: {
  used: number;
  total: number;
  held?: number;
  /** What the numbers count, for the label: "IPs used / held". */
  label: string;
  text?: string;
}) => {
  const { used, total, held, label, text } = props;
  const classes = useStyles();
  const ratio = total > 0 ? used / total : 0;
  let tone = '';
  if (ratio >= 0.95) tone = classes.error;
  else if (ratio >= 0.8) tone = classes.warn;
  const title =
    held === undefined
      ? `${label}: ${fmt(used)} of ${fmt(total)}`
      : `${label}: ${fmt(used)} used, ${fmt(held)} held, of ${fmt(total)}`;
  return (
    <Tooltip title={title}>
      <Box minWidth={100} aria-label={title} role="img">
        <Typography variant="body2" component="div">
          {text ?? `${fmt(used)} / ${fmt(total)}`}
        </Typography>
        <div className={classes.track}>
          {held !== undefined && (
            <div
              className={classes.held}
              style={{ width: `${pct(held, total)}%` }}
            />
          )}
          <div
            className={`${classes.used} ${tone}`}
            style={{ width: `${pct(used, total)}%` }}
          />
        </div>
      </Box>
    </Tooltip>
  );
};
