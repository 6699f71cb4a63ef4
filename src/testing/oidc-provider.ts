/** A real OpenID provider (oidc-provider) on loopback for tests: one confidential client, users chosen by the test. */
import http from 'node:http';
import Provider from 'oidc-provider';

export interface TestUser {
  email: string;
  email_verified: boolean;
  groups: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the next sign-in logs in as (the test's stand-in for a login form). */
  signInAs: (accountId: string) => void;
  close: () => Promise<void>;
}

/** Starts the provider; `redirectUri` is the status page's callback (SITE_URL + /access/oidc/callback). */
export async function startOidcProvider(redirectUri: string, users: Record<string, TestUser>): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const clientId = 'status-page';
  const clientSecret = 'test-client-secret-0123456789abcdef';
  let next = Object.keys(users)[0];
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['groups'] },
    findAccount: (_ctx: unknown, id: string) => (users[id] ? { accountId: id, claims: () => ({ sub: id, ...users[id] }) } : undefined),
    // the claims go into the ID token, which is all the status page reads
    features: { devInteractions: { enabled: false } },
    conformIdTokenClaims: false,
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    pkce: { required: () => true },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    // The login and consent screens, answered at once for the chosen account.
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: next, clientId: details.params.client_id });
      grant.addOIDCScope('openid email profile');
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: next }, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (id) => void (next = id),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
