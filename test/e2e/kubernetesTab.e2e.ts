import { expect, test } from '@playwright/test';
import path from 'node:path';
import { loadScenario } from '@pod-ip-capacity/eks-simulator';
import { signInAsGuest } from './signIn';

const screenshots = path.join(__dirname, 'screenshots');

/** A running checkout-api pod of eks-prod, as the portal-demo scenario names it. */
function checkoutApiPodName(): string {
  const prod = loadScenario('portal-demo').clusters.find(
    c => c.name === 'eks-prod',
  )!;
  const pod = prod.pods.find(
    p =>
      p.metadata?.labels?.['backstage.io/kubernetes-id'] === 'checkout-api' &&
      (p.status as { phase?: string } | undefined)?.phase === 'Running',
  );
  if (!pod?.metadata?.name) throw new Error('no checkout-api pod in eks-prod');
  return pod.metadata.name;
}

test("a service's Kubernetes tab lists its pods from the simulated EKS clusters", async ({
  page,
}) => {
  const podName = checkoutApiPodName();
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/checkout-api/kubernetes');
  // The stock Kubernetes plugin groups pods per cluster, under their
  // Deployment: open eks-prod, then the checkout-api deployment.
  await page.getByText('eks-prod (shop, eu-west-1)').click();
  // The deployment's name opens a drawer: expand its row from the far end.
  const deployment = page
    .getByRole('button', { name: /^checkout-api Deployment/ })
    .first();
  const box = (await deployment.boundingBox())!;
  await deployment.click({
    position: { x: box.width - 24, y: box.height / 2 },
  });
  await expect(page.getByText(podName).first()).toBeVisible();

  await page.screenshot({
    path: path.join(screenshots, 'kubernetes-tab.png'),
    fullPage: true,
  });
});
