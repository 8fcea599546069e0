import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';

// The other features (org, kubernetes, pod-ip-capacity, user settings) are
// discovered from this package's dependencies: `app.packages: all`.
export default createApp({
  features: [catalogPlugin, navModule],
});
