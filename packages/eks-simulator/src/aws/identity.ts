import { randomBytes } from 'node:crypto';
import { stableHex } from '../scenario/ids';
import { Scenario, SimAccount, SimCredential } from '../scenario/types';

/**
 * Who an access key belongs to: the scenario's long-term keys plus the temporary
 * credentials `AssumeRole` has issued (kept in memory until they expire).
 */
export class IdentityStore {
  private readonly keys = new Map<string, SimCredential>();
  private readonly accounts = new Map<string, SimAccount>();

  constructor(scenario: Scenario) {
    for (const account of scenario.accounts) {
      this.accounts.set(account.id, account);
      for (const c of account.credentials) this.keys.set(c.accessKeyId, c);
    }
  }

  account(id: string): SimAccount | undefined {
    return this.accounts.get(id);
  }

  /** The credential for an access key, unless unknown or expired. */
  lookup(accessKeyId: string): SimCredential | undefined {
    const c = this.keys.get(accessKeyId);
    if (c?.expiration && c.expiration.getTime() < Date.now()) {
      this.keys.delete(accessKeyId);
      return undefined;
    }
    return c;
  }

  issueRoleCredentials(
    accountId: string,
    roleName: string,
    sessionName: string,
    durationSeconds: number,
  ): SimCredential {
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const roleId = `AROA${stableHex(
      `${accountId}/${roleName}`,
      17,
    ).toUpperCase()}`;
    const credential: SimCredential = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(96).toString('base64')}`,
      accountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
      userId: `${roleId}:${sessionName}`,
      expiration: new Date(Date.now() + durationSeconds * 1000),
    };
    this.keys.set(accessKeyId, credential);
    return credential;
  }
}
