import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SubnetChange } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { ReactNode } from 'react';
import { fmt } from './format';

const useStyles = makeStyles(theme => ({
  answer: {
    padding: theme.spacing(1.5),
    marginTop: theme.spacing(1),
    borderLeft: `4px solid ${theme.palette.info.main}`,
    backgroundColor: theme.palette.background.default,
  },
  fails: { borderLeftColor: theme.palette.error.main },
  fits: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  noFit: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  list: { margin: theme.spacing(0.5, 0, 0, 0), paddingLeft: theme.spacing(3) },
}));

/** "fits" / "does not fit". */
export const FitsChip = (props: { fits: boolean; label?: string }) => {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.label ?? (props.fits ? 'fits' : 'does not fit')}
      className={props.fits ? classes.fits : classes.noFit}
    />
  );
};

/** Each subnet's free /28 blocks and free IPs before → after. */
export const SubnetChanges = (props: { changes: SubnetChange[] }) => {
  const classes = useStyles();
  if (props.changes.length === 0) return null;
  return (
    <ul className={classes.list}>
      {props.changes.map(c => (
        <li key={c.subnetId}>
          <Typography variant="body2">
            {c.subnetId}
            {c.availabilityZone ? ` (${c.availabilityZone})` : ''}: free /28
            blocks {fmt(c.freePrefixBlocks.before)} →{' '}
            {fmt(c.freePrefixBlocks.after)}, free IPs {fmt(c.available.before)}{' '}
            → {fmt(c.available.after)}
          </Typography>
        </li>
      ))}
    </ul>
  );
};

/** One answer of a what-if: the backend's sentence, then its figures. */
export const WhatIfAnswer = (props: {
  message: string;
  fits: boolean;
  testId?: string;
  title?: ReactNode;
  children?: ReactNode;
}) => {
  const classes = useStyles();
  return (
    <div
      className={`${classes.answer} ${props.fits ? '' : classes.fails}`}
      data-testid={props.testId}
    >
      <Box display="flex" alignItems="center" mb={0.5} style={{ gap: 8 }}>
        <FitsChip fits={props.fits} />
        {props.title && (
          <Typography variant="subtitle2" component="span">
            {props.title}
          </Typography>
        )}
      </Box>
      <Typography variant="body2">{props.message}</Typography>
      {props.children}
    </div>
  );
};
