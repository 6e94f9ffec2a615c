// Invoisys token API 2.0 (an ASP.NET OWIN server): password grant on /api/token, opaque
// tokens, lower-case `bearer`, and only two error answers, both 400. With `tokenApi: '3.0'` it
// refuses as token API 3.0 does, `{"mensagem": ..., "token": null}`, 401 for bad credentials.
import { invoisys } from '../../providers/invoisys';
import { fieldMax, type ProviderBehaviour, type SimulatorRuntime, type TokenReply, type TokenRequest } from '../behaviour';
import { parseForm } from '../wire';

const info = invoisys.info;

/** Token API 3.0's refusals. The 401 for bad credentials is field evidence; the 400 is a guess. */
const API3_MESSAGES = {
  credentials: 'Usuário ou senha inválidos.',
  grant: 'grant_type inválido.',
};

function handle(request: TokenRequest, runtime: SimulatorRuntime): TokenReply {
  const api3 = runtime.config.tokenApi === '3.0';
  // OWIN reads the form only for a form Content-Type; without it grant_type is simply absent,
  // and a repeated field arrives as its values joined by commas.
  const form = request.contentType === 'application/x-www-form-urlencoded' ? parseForm(request.body) : undefined;
  const grantType = form?.repeated.includes('grant_type') ? undefined : form?.fields.grant_type;
  if (grantType !== 'password') {
    return api3
      ? { kind: 'login', status: 400, body: { mensagem: API3_MESSAGES.grant, token: null } }
      : { kind: 'login', status: 400, body: { error: 'unsupported_grant_type' } };
  }

  const { username, password } = form!.fields;
  const account =
    form!.repeated.length === 0 && username && password && username.length <= fieldMax(info, 'username')
      ? runtime.accounts.find((a) => a.credentials.username === username && a.credentials.password === password)
      : undefined;
  if (!account) {
    if (api3) return { kind: 'login', status: 401, body: { mensagem: API3_MESSAGES.credentials, token: null } };
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
