import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

const annotationExample = (name: string) => `metadata:
  annotations:
    ${ANNOTATION_KUBERNETES_ID}: ${name}
    # or: ${ANNOTATION_KUBERNETES_LABEL_SELECTOR}: 'app=${name}'`;

/** The entity has no Kubernetes annotations: say how to add them. */
export const MissingAnnotations = (props: { name: string }) => (
  <EmptyState
    missing="field"
    title="No Kubernetes annotations"
    description={`Pod IP Capacity finds an entity's pods the way the Kubernetes plugin does. Add the ${ANNOTATION_KUBERNETES_ID} annotation (and label your pods with it) or the ${ANNOTATION_KUBERNETES_LABEL_SELECTOR} annotation to this entity's catalog-info.yaml.`}
    action={
      <CodeSnippet language="yaml" text={annotationExample(props.name)} />
    }
  />
);

/** The backend found no pods for the entity in any cluster. */
export const NoPodsFound = (props: {
  name: string;
  aggregate: boolean;
  clusters: string[];
}) => (
  <EmptyState
    missing="data"
    title={
      props.aggregate
        ? 'No pods found for what this entity owns'
        : 'No pods found'
    }
    description={
      props.aggregate
        ? `None of the entities it owns or contains has pods with VPC IPs in ${
            props.clusters.join(', ') || 'any cluster'
          }. Their catalog-info.yaml needs the ${ANNOTATION_KUBERNETES_ID} annotation, and their pods the matching label.`
        : `No pods of this entity were found in ${
            props.clusters.join(', ') || 'any cluster'
          }. Check that its pods carry the label ${ANNOTATION_KUBERNETES_ID}=<the annotation's value> (or that the ${ANNOTATION_KUBERNETES_LABEL_SELECTOR} annotation selects them), and that the Kubernetes plugin lists their cluster.`
    }
    action={
      props.aggregate ? undefined : (
        <>
          <Typography variant="body2" gutterBottom>
            For example, in the Deployment's pod template:
          </Typography>
          <CodeSnippet
            language="yaml"
            text={`metadata:\n  labels:\n    ${ANNOTATION_KUBERNETES_ID}: ${props.name}`}
          />
        </>
      )
    }
  />
);
