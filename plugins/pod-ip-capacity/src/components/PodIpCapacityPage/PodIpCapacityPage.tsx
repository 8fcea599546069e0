import { Content, Header, Page } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/** The platform team's catalog-wide view of pod IP capacity. */
export const PodIpCapacityPage = () => (
  <Page themeId="tool">
    <Header
      title="Pod IP Capacity"
      subtitle="How much pod IP room your EKS clusters have left"
    />
    <Content>
      <Typography variant="body1">
        Cluster, subnet and team capacity will appear here once the backend has
        collected its first snapshot.
      </Typography>
    </Content>
  </Page>
);
