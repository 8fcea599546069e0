import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  AddReplicasResponse,
  EntityProblem,
  RolloutResponse,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { FormEvent, ReactNode, useState } from 'react';
import { podIpCapacityApiRef } from '../../api';
import { ApiErrorPanel } from '../common/ApiErrorPanel';
import { fmt, plural } from '../common/format';
import { SubnetChanges, WhatIfAnswer } from '../common/WhatIfAnswer';

/** A what-if asked on demand: its answer, or the error, and whether it runs. */
function useAsk<T>() {
  const [state, setState] = useState<{
    value?: T;
    error?: unknown;
    loading: boolean;
  }>({ loading: false });
  const ask = (load: () => Promise<T>) => {
    setState({ loading: true });
    load().then(
      value => setState({ value, loading: false }),
      error => setState({ error, loading: false }),
    );
  };
  return { ...state, ask };
}

const Problems = (props: { problems: EntityProblem[] }) => (
  <>
    {props.problems.map(p => (
      <Typography key={p.entityRef} variant="body2" color="error">
        {p.message}
      </Typography>
    ))}
  </>
);

const NoPods = (props: { clusters: number }) =>
  props.clusters === 0 ? (
    <Typography variant="body2" color="textSecondary">
      No cluster has pods of this service in its last snapshot.
    </Typography>
  ) : null;

const AddReplicasAnswer = (props: { answer: AddReplicasResponse }) => (
  <div data-testid="what-if-add-replicas-answer">
    <Problems problems={props.answer.problems} />
    <NoPods clusters={props.answer.clusters.length} />
    {props.answer.clusters.map(c => {
      const w = c.whatIf;
      const fits = !w.firstFailure && w.placed >= w.requested;
      return (
        <WhatIfAnswer
          key={c.cluster}
          title={c.cluster}
          message={c.message}
          fits={fits}
        >
          <Typography variant="body2" color="textSecondary">
            {fmt(w.placed)} of {fmt(w.requested)} get an IP ·{' '}
            {fmt(w.onCurrentNodes)} on its current nodes
            {w.newNodes.length > 0
              ? ` · ${plural(
                  w.newNodes.reduce((n, g) => n + g.nodes, 0),
                  'new node',
                )} (${w.newNodes
                  .map(g => `${g.nodeGroup}, ${g.zone}, ${g.podSubnetId}`)
                  .join('; ')})`
              : ''}
            {w.ipStarvedNodes.length > 0
              ? ` · ${plural(
                  w.ipStarvedNodes.length,
                  'node',
                )} where the scheduler could place a replica that would get no IP`
              : ''}
          </Typography>
          <SubnetChanges changes={w.subnets} />
        </WhatIfAnswer>
      );
    })}
  </div>
);

const RolloutAnswer = (props: { answer: RolloutResponse }) => (
  <div data-testid="what-if-rollout-answer">
    <Problems problems={props.answer.problems} />
    <NoPods clusters={props.answer.clusters.length} />
    {props.answer.clusters.map(c =>
      c.rollouts.map(r => (
        <WhatIfAnswer
          key={`${c.cluster}/${r.deployment.namespace}/${r.deployment.name}`}
          title={`${c.cluster}: ${r.deployment.namespace}/${r.deployment.name}`}
          message={r.message}
          fits={r.whatIf.fits}
        >
          <Typography variant="body2" color="textSecondary">
            Peak {plural(r.whatIf.peakPods, 'pod')} at once (
            {fmt(r.whatIf.replicas)} + maxSurge {fmt(r.whatIf.maxSurge)})
            {r.deployment.source === 'pods'
              ? ' · the Deployment could not be read: replicas as its pods show them, Kubernetes’ default strategy'
              : ''}
          </Typography>
          <SubnetChanges changes={r.whatIf.surge.subnets} />
        </WhatIfAnswer>
      )),
    )}
  </div>
);

const Form = (props: {
  onSubmit: () => void;
  busy: boolean;
  button: string;
  children: ReactNode;
}) => (
  <form
    onSubmit={(e: FormEvent) => {
      e.preventDefault();
      props.onSubmit();
    }}
  >
    <Box display="flex" alignItems="flex-start" style={{ gap: 8 }}>
      {props.children}
      <Button
        type="submit"
        variant="outlined"
        color="primary"
        disabled={props.busy}
      >
        {props.button}
      </Button>
    </Box>
  </form>
);

/**
 * "What if?" on a service's tab: add N replicas, or roll out with maxSurge
 * S, answered by the backend from the last snapshot (nothing is collected
 * or changed).
 */
export const WhatIfPanel = (props: { entityRef: string }) => {
  const { entityRef } = props;
  const api = useApi(podIpCapacityApiRef);
  const [replicas, setReplicas] = useState('10');
  const [surge, setSurge] = useState('');
  const add = useAsk<AddReplicasResponse>();
  const rollout = useAsk<RolloutResponse>();
  const replicasValid = /^\d+$/.test(replicas) && Number(replicas) >= 1;
  const surgeValid =
    surge.trim() === '' || /^(\d{1,5}|\d{1,3}%)$/.test(surge.trim());

  return (
    <InfoCard title="What if?">
      <Typography variant="body2" color="textSecondary" paragraph>
        Answered from the last snapshot: pod IPs and pod limits only, not CPU or
        memory. Nothing is changed in the cluster.
      </Typography>
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <Typography variant="subtitle1" component="h3" gutterBottom>
            Add replicas
          </Typography>
          <Form
            button="Add replicas"
            busy={add.loading || !replicasValid}
            onSubmit={() =>
              add.ask(() =>
                api.whatIfAddReplicas({
                  entityRef,
                  replicas: Number(replicas),
                }),
              )
            }
          >
            <TextField
              id="pod-ip-capacity-what-if-replicas"
              label="Replicas to add"
              type="number"
              size="small"
              variant="outlined"
              value={replicas}
              onChange={e => setReplicas(e.target.value)}
              inputProps={{ min: 1, max: 10000 }}
              error={!replicasValid}
              helperText={replicasValid ? ' ' : '1 to 10,000'}
            />
          </Form>
          {add.loading && <LinearProgress />}
          {add.error !== undefined && (
            <ApiErrorPanel title="Could not answer" error={add.error} />
          )}
          {add.value && <AddReplicasAnswer answer={add.value} />}
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="subtitle1" component="h3" gutterBottom>
            Roll out
          </Typography>
          <Form
            button="Roll out"
            busy={rollout.loading || !surgeValid}
            onSubmit={() =>
              rollout.ask(() =>
                api.whatIfRollout({
                  entityRef,
                  ...(surge.trim() ? { maxSurge: surge.trim() } : {}),
                }),
              )
            }
          >
            <TextField
              id="pod-ip-capacity-what-if-max-surge"
              label="maxSurge"
              size="small"
              variant="outlined"
              placeholder="its own"
              value={surge}
              onChange={e => setSurge(e.target.value)}
              error={!surgeValid}
              helperText={
                surgeValid
                  ? 'A count (3) or a percentage (25%); empty: the Deployment’s own'
                  : 'A count (3) or a percentage (25%)'
              }
            />
          </Form>
          {rollout.loading && <LinearProgress />}
          {rollout.error !== undefined && (
            <ApiErrorPanel title="Could not answer" error={rollout.error} />
          )}
          {rollout.value && <RolloutAnswer answer={rollout.value} />}
        </Grid>
      </Grid>
    </InfoCard>
  );
};
