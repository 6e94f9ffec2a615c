// Invoisys token API 2.0 (an ASP.NET OWIN server): password grant on /api/token, opaque
// tokens, lower-case `bearer`, and only two error answers, both 400.
import { invoisys } from '../../providers/invoisys';
import { fieldMax, type ProviderBehaviour, type SimulatorRuntime, type TokenReply, type TokenRequest } from '../behaviour';
import { parseForm } from '../wire';

const info = invoisys.info;

function handle(request: TokenRequest, runtime: SimulatorRuntime): TokenReply {
  // OWIN reads the form only for a form Content-Type; without it grant_type is simply absent,
  // and a repeated field arrives as its values joined by commas.
  const form = request.contentType === 'application/x-www-form-urlencoded' ? parseForm(request.body) : undefined;
  const grantType = form?.repeated.includes('grant_type') ? undefined : form?.fields.grant_type;
  if (grantType !== 'password') return { kind: 'login', status: 400, body: { error: 'unsupported_grant_type' } };

  const { username, password } = form!.fields;
  const account =
    form!.repeated.length === 0 && username && password && username.length <= fieldMax(info, 'username')
      ? runtime.accounts.find((a) => a.credentials.username === username && a.credentials.password === password)
      : undefined;
  if (!account) {
    return {
      kind: 'login',
      status: 400,
      body: { error: 'credenciais_invalidas', error_description: 'Credenciais inválidas.' },
    };
  }
  return {
    kind: 'login',
    status: 200,
    body: {
      access_token: runtime.issueAccessToken(username!),
      token_type: 'bearer',
      expires_in: runtime.lifetimeValue(),
    },
  };
}

export function invoisysBehaviour(): ProviderBehaviour {
  return {
    info,
    basePath: '',
    tokenRoutes: ['/api/token'],
    tokenFormat: 'opaque',
    defaults: { lifetimeSeconds: 92843, rotateRefreshTokens: false },
    responseFields: { accessToken: 'access_token', lifetime: 'expires_in' },
    handle,
    reset: () => undefined,
  };
}

