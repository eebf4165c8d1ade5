// A real OpenID provider for the tests: the npm package oidc-provider (a frontend dev
// dependency, installed by `npm ci`) in development mode, whose built-in login form signs in
// whoever types a login listed in OIDC_ACCOUNTS (any password).
//
//   OIDC_PORT=… OIDC_CLIENTS='[{client_id, client_secret, redirect_uris}]'
//   OIDC_ACCOUNTS='{"login": {"email": "…", "email_verified": true, "name": "…"}}'
//   node tests/oidc/provider.mjs        → prints "ready <issuer>" once it listens
import { createServer } from "node:http";

const { default: Provider } = await import(
  new URL("../../frontend/node_modules/oidc-provider/lib/index.js", import.meta.url)
);

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || "{}");

const provider = new Provider(issuer, {
  clients: JSON.parse(process.env.OIDC_CLIENTS || "[]"),
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // every client must send a PKCE challenge (the default asks it only of public clients)
  pkce: { required: () => true },
  findAccount: (ctx, id) =>
    accounts[id] && { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) },
  // grant what the client asks without a consent screen
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
});

createServer(provider.callback()).listen(port, "127.0.0.1", () => {
  console.log(`ready ${issuer}`);
});
