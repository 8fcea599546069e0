import {
  awsProblem,
  AwsProblemWording,
  BACKEND_AWS_WORDING,
} from './awsProblem';

const denied = Object.assign(new Error('You are not authorized'), {
  name: 'UnauthorizedOperation',
  $metadata: { httpStatusCode: 403 },
});

describe('awsProblem', () => {
  it('names the missing IAM action, in the backend’s words by default', () => {
    expect(
      awsProblem('DescribeSubnets', denied, {
        region: 'eu-west-1',
        accountId: '111111111111',
      }),
    ).toEqual({
      source: 'ec2',
      code: 'UnauthorizedOperation',
      action: 'ec2:DescribeSubnets',
      message:
        'Backstage\'s AWS credentials may not call ec2:DescribeSubnets in eu-west-1 (account 111111111111). Add "ec2:DescribeSubnets" to the IAM policy of that role.',
    });
  });

  it('classifies the same way in another caller’s words, never quoting AWS', () => {
    const wording: AwsProblemWording = {
      ...BACKEND_AWS_WORDING,
      credentials: 'Your AWS credentials',
      rejected: 'your AWS credentials',
      checkCredentials: '--profile',
      clock: "this machine's clock",
    };
    const expired = Object.assign(
      new Error('secret detail AKIAABCDEFGHIJKLMNOP'),
      {
        name: 'RequestExpired',
      },
    );
    const problem = awsProblem('DescribeInstances', expired, {
      region: 'us-west-2',
      wording,
    });
    expect(problem.code).toBe('RequestExpired');
    expect(problem.message).toBe(
      "AWS rejected your AWS credentials for ec2:DescribeInstances in us-west-2 (RequestExpired): they are invalid, expired or for another partition. Check --profile, and that this machine's clock is right.",
    );
  });
});
