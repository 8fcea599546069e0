import { ConfigReader } from '@backstage/config';
import {
  mergeClusterAwsSettings,
  roleSettingsFromCatalog,
  roleSettingsFromKubernetesConfig,
} from './clusterAwsSettings';

describe('roleSettingsFromKubernetesConfig', () => {
  it('reads the assume-role ARN from authMetadata and from the legacy assumeRole key', () => {
    const settings = roleSettingsFromKubernetesConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'eks-a',
                  url: 'https://a',
                  authProvider: 'aws',
                  authMetadata: {
                    'kubernetes.io/aws-assume-role':
                      'arn:aws:iam::111111111111:role/a',
                    'kubernetes.io/aws-external-id': 'ext-a',
                  },
                },
                {
                  name: 'eks-b',
                  url: 'https://b',
                  authProvider: 'aws',
                  assumeRole: 'arn:aws:iam::222222222222:role/b',
                },
                {
                  name: 'sa',
                  url: 'https://c',
                  authProvider: 'serviceAccount',
                },
              ],
            },
            { type: 'catalog' },
          ],
        },
      }),
    );
    expect(settings.get('eks-a')).toEqual({
      roleArn: 'arn:aws:iam::111111111111:role/a',
      externalId: 'ext-a',
    });
    expect(settings.get('eks-b')).toEqual({
      roleArn: 'arn:aws:iam::222222222222:role/b',
    });
    expect(settings.get('sa')).toEqual({});
  });
});

describe('roleSettingsFromCatalog', () => {
  it('reads the annotation of a kubernetes-cluster Resource', () => {
    const settings = roleSettingsFromCatalog([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'eks-analytics',
          annotations: {
            'kubernetes.io/aws-assume-role': 'arn:aws:iam::333333333333:role/x',
          },
        },
        spec: { type: 'kubernetes-cluster' },
      },
    ]);
    expect(settings.get('eks-analytics')?.roleArn).toBe(
      'arn:aws:iam::333333333333:role/x',
    );
  });
});

describe('mergeClusterAwsSettings', () => {
  it('takes the account from the role ARN, and lets podIpCapacity.clusters win', () => {
    expect(
      mergeClusterAwsSettings(
        { roleArn: 'arn:aws:iam::111111111111:role/a' },
        undefined,
      ),
    ).toEqual({
      roleArn: 'arn:aws:iam::111111111111:role/a',
      accountId: '111111111111',
    });
    expect(
      mergeClusterAwsSettings(
        { roleArn: 'arn:aws:iam::111111111111:role/a' },
        {
          name: 'x',
          roleArn: 'arn:aws:iam::222222222222:role/b',
          region: 'us-east-2',
          exclude: false,
        },
      ),
    ).toEqual({
      roleArn: 'arn:aws:iam::222222222222:role/b',
      accountId: '222222222222',
      region: 'us-east-2',
    });
  });
});
